import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The retention sweep deletes by purpose and age; this keeps it from scanning every event. */
export class ProfileEventsRetentionIndex implements MigrationInterface {
  name = 'ProfileEventsRetentionIndex1795478400000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex('events', new TableIndex({ columnNames: ['purpose', 'occurredAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    const table = await q.getTable('events');
    const index = table?.indices.find((i) => i.columnNames.join() === 'purpose,occurredAt');
    if (index) await q.dropIndex('events', index);
  }
}
