import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumns, dropColumns } from '../../shared/migration-columns.js';

const BY_TIME = new TableIndex({ name: 'events_occurred_at', columnNames: ['occurredAt'] });

/**
 * The recommendation an event came from (optional): what attribution of clicks and conversions to
 * decisions reads, over a time window (hence the index).
 */
export class ProfileEventDecision implements MigrationInterface {
  name = 'ProfileEventDecision1799280000005';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'events', { decisionId: 'uuid?' });
    await q.createIndex('events', BY_TIME);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('events', BY_TIME);
    await dropColumns(q, 'events', ['decisionId']);
  }
}
