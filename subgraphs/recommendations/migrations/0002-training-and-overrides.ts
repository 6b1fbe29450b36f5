import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

export class RecommendationsTrainingAndOverrides implements MigrationInterface {
  name = 'RecommendationsTrainingAndOverrides1795996800000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'training_interactions',
        columns: columns({ seq: 'serial', customerId: 'ref', clientEventId: 'ref', itemId: 'ref', channel: 'short', occurredAt: 'time' }),
      }),
    );
    await q.createIndex('training_interactions', new TableIndex({ columnNames: ['customerId', 'clientEventId'], isUnique: true }));
    await q.createTable(
      new Table({
        name: 'overrides',
        columns: columns({
          id: 'id',
          kind: 'short',
          itemId: 'ref',
          surface: 'short?',
          position: 'int?',
          boost: 'float?',
          author: 'ref',
          reasonCategory: 'short',
          justification: 'longtext',
          startsAt: 'time',
          endsAt: 'time',
          createdAt: 'time',
          endedAt: 'time?',
          endedBy: 'ref?',
        }),
      }),
    );
    await q.createIndex('overrides', new TableIndex({ columnNames: ['startsAt', 'endsAt'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('overrides');
    await q.dropTable('training_interactions');
  }
}
