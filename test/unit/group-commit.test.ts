import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../subgraphs/shared/group-commit.js';
import { Transactions } from '../../subgraphs/shared/transactions.js';

describe('group commit', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = new DataSource({ type: 'sqlite', database: ':memory:' });
    await db.initialize();
    await db.query('CREATE TABLE shown (id INTEGER PRIMARY KEY, value INTEGER NOT NULL CHECK (value >= 0))');
  });
  afterEach(async () => {
    await db.destroy();
  });

  it('commits concurrent writes in a few shared transactions, each caller answered once its own write is stored', async () => {
    const batches: number[] = [];
    const log = new GroupCommit<number>(new Transactions(db), async (manager, values) => {
      batches.push(values.length);
      for (const v of values) await manager.query('INSERT INTO shown (id, value) VALUES (?, ?)', [v, v]);
    });
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await new Promise((r) => setTimeout(r, i % 5));
        await log.add(i);
        // Acknowledged: the row is there.
        expect(await db.query('SELECT id FROM shown WHERE id = ?', [i])).toHaveLength(1);
      }),
    );
    expect(batches.reduce((a, b) => a + b, 0)).toBe(60);
    expect(batches.length).toBeLessThan(20);
  });

  it('fails only the caller whose write is refused; the others of its batch are stored', async () => {
    const log = new GroupCommit<number>(new Transactions(db), async (manager, values) => {
      for (const v of values) await manager.query('INSERT INTO shown (id, value) VALUES (?, ?)', [Math.abs(v) + 1, v]);
    });
    const results = await Promise.allSettled([1, 2, -3, 4].map((v) => log.add(v)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect((await db.query('SELECT value FROM shown ORDER BY id')).map((r: { value: number }) => r.value)).toEqual([1, 2, 4]);
  });
});
