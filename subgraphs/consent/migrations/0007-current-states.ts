import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns, tableName } from '../../shared/migration-columns.js';

/** `consent_states`, filled from the ledger's latest decision per customer and purpose. */
export class ConsentCurrentStates implements MigrationInterface {
  name = 'ConsentCurrentStates1799798400007';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'consent_states',
        columns: columns({
          customerId: 'key',
          purpose: 'key',
          status: 'short',
          noticeVersion: 'int',
          occurredAt: 'time',
          expiresAt: 'time?',
          decisionId: 'uuid',
          decisionSeq: 'int',
        }),
      }),
    );
    const states = tableName(q, 'consent_states');
    const ledger = tableName(q, 'consent_decisions');
    await q.query(
      `INSERT INTO ${states} ("customerId", purpose, status, "noticeVersion", "occurredAt", "expiresAt", "decisionId", "decisionSeq")
       SELECT d."customerId", d.purpose, d.status, d."noticeVersion", d."occurredAt", d."expiresAt", d."decisionId", d.seq FROM ${ledger} d
       WHERE d.seq = (SELECT MAX(l.seq) FROM ${ledger} l WHERE l."customerId" = d."customerId" AND l.purpose = d.purpose)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('consent_states');
  }
}
