import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { CONSENT_ENTITIES, CONSENT_MIGRATIONS } from '../../subgraphs/consent/subgraph.js';
import { ConsentCurrentStates } from '../../subgraphs/consent/migrations/0007-current-states.js';
import { ConsentStateRecord } from '../../subgraphs/consent/entities/consent-state.entity.js';
import { tablePath } from '../helpers/database.js';

describe('current consent states', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-states-'));
  const file = path.join(dir, 'consent.sqlite');
  let db: DataSource | undefined;
  afterEach(async () => {
    await db?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const open = async (migrations: typeof CONSENT_MIGRATIONS) => {
    const source = new DataSource({ type: 'sqlite', database: file, entities: CONSENT_ENTITIES, migrations });
    await source.initialize();
    await source.runMigrations();
    return source;
  };

  it('are filled from an existing ledger by their migration: the latest decision per customer and purpose', async () => {
    db = await open(CONSENT_MIGRATIONS.filter((m) => m !== ConsentCurrentStates));
    const ledger = tablePath(db, 'consent_decisions');
    const decisions = [
      ['c1', 'personalization.stated', 'GRANTED'],
      ['c1', 'personalization.stated', 'WITHDRAWN'],
      ['c1', 'analytics', 'GRANTED'],
      ['c2', 'personalization.stated', 'GRANTED'],
      ['c1', 'analytics', 'DENIED'],
    ];
    for (const [i, [customerId, purpose, status]] of decisions.entries()) {
      await db.query(
        `INSERT INTO ${ledger} ("decisionId", "customerId", purpose, "noticeVersion", status, method, origin, "occurredAt", "expiresAt", "prevHash", hash) VALUES (?, ?, ?, 1, ?, 'API', 'test', ?, NULL, ?, ?)`,
        [`d${i}`, customerId, purpose, status, `2026-01-0${i + 1}T00:00:00.000Z`, `p${i}`, `h${i}`],
      );
    }
    await db.destroy();
    db = await open(CONSENT_MIGRATIONS);
    const states = await db.getRepository(ConsentStateRecord).find({ order: { customerId: 'ASC', purpose: 'ASC' } });
    expect(states.map((s) => [s.customerId, s.purpose, s.status, s.decisionId, s.decisionSeq])).toEqual([
      ['c1', 'analytics', 'DENIED', 'd4', 5],
      ['c1', 'personalization.stated', 'WITHDRAWN', 'd1', 2],
      ['c2', 'personalization.stated', 'GRANTED', 'd3', 4],
    ]);
  });
});
