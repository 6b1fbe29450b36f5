import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One successor per ledger entry: two writers that read the same chain head (several consent
 * processes on PostgreSQL) cannot both append, so a customer's chain can never fork.
 */
export class ConsentLedgerChainUnique implements MigrationInterface {
  name = 'ConsentLedgerChainUnique1795392000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'consent_decisions',
      new TableIndex({ name: 'UQ_consent_decisions_chain', columnNames: ['customerId', 'prevHash'], isUnique: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('consent_decisions', 'UQ_consent_decisions_chain');
  }
}
