import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from '../../shared/migration-columns.js';

export class ProfileInitial implements MigrationInterface {
  name = 'ProfileInitial1795392000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'stated_preferences',
        columns: columns({
          id: 'id',
          customerId: 'ref',
          kind: 'short',
          value: 'ref',
          sentiment: 'short',
          weight: 'float',
          noticeVersion: 'int',
          createdAt: 'time',
          updatedAt: 'time',
        }),
      }),
    );
    await q.createIndex('stated_preferences', new TableIndex({ columnNames: ['customerId'] }));
    await q.createTable(
      new Table({
        name: 'events',
        columns: columns({
          seq: 'serial',
          customerId: 'ref',
          clientEventId: 'ref',
          type: 'short',
          itemId: 'ref?',
          value: 'ref?',
          channel: 'short',
          source: 'ref',
          purpose: 'ref',
          noticeVersion: 'int',
          occurredAt: 'time',
          receivedAt: 'time',
        }),
      }),
    );
    await q.createIndex('events', new TableIndex({ columnNames: ['customerId', 'clientEventId'], isUnique: true }));
    await q.createIndex('events', new TableIndex({ columnNames: ['customerId', 'occurredAt'] }));
    await q.createTable(new Table({ name: 'event_sources', columns: columns({ id: 'id', description: 'text', firstParty: 'bool' }) }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('event_sources');
    await q.dropTable('events');
    await q.dropTable('stated_preferences');
  }
}
