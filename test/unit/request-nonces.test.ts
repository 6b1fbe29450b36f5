import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { openDatabase } from '../../subgraphs/shared/database.js';
import { NONCE_ENTITIES, RequestNonces, SignedRequestNonceRecord, SignedRequestNoncesTable } from '../../subgraphs/shared/request-nonces.js';
import { Transactions } from '../../subgraphs/shared/transactions.js';
import { testConfig } from '../helpers/config.js';

describe('signed-request nonces', () => {
  const clock = new ManualClock(new Date('2026-12-01T10:00:00.000Z'));
  let db: DataSource;
  // Two instances of one part: two services over the same database.
  let first: RequestNonces;
  let second: RequestNonces;

  beforeAll(async () => {
    db = await openDatabase({
      name: 'explanations',
      config: testConfig(),
      entities: NONCE_ENTITIES,
      migrations: [SignedRequestNoncesTable],
      sqliteFile: ':memory:',
    });
    first = new RequestNonces(new Transactions(db), clock);
    second = new RequestNonces(new Transactions(db), clock);
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('accepts a nonce once across instances, also when both claim it at the same moment', async () => {
    const until = new Date('2026-12-01T10:00:30.000Z');
    expect(await first.claim('nonce-aaaaaaaaaaaaaaaa', until)).toBe(true);
    expect(await second.claim('nonce-aaaaaaaaaaaaaaaa', until)).toBe(false);
    const racing = await Promise.all([first.claim('nonce-bbbbbbbbbbbbbbbb', until), second.claim('nonce-bbbbbbbbbbbbbbbb', until)]);
    expect(racing.sort()).toEqual([false, true]);
  });

  it('forgets nonces once their signatures expired, and only those', async () => {
    await first.claim('nonce-cccccccccccccccc', new Date('2026-12-01T10:05:00.000Z'));
    clock.set(new Date('2026-12-01T10:01:00.000Z'));
    expect(await first.prune()).toBe(2);
    expect((await db.getRepository(SignedRequestNonceRecord).find()).map((r) => r.nonce)).toEqual(['nonce-cccccccccccccccc']);
  });
});
