import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { addColumns, columns, dropColumns } from '../../shared/migration-columns.js';

/**
 * Decisions and training rows carry the consent version they were collected under and a keyed customer reference;
 * `model_changes` lets every instance follow what changed in the training data.
 */
export class RecommendationsModelChanges implements MigrationInterface {
  name = 'RecommendationsModelChanges1799193600004';

  async up(q: QueryRunner): Promise<void> {
    await addColumns(q, 'training_interactions', { customerRef: 'ref?', consentVersion: 'int?' });
    await addColumns(q, 'decisions', { consentVersion: 'int?' });
    await q.createIndex('training_interactions', new TableIndex({ columnNames: ['customerRef'] }));
    await q.createTable(new Table({ name: 'model_changes', columns: columns({ seq: 'serial', customerRef: 'ref', changedAt: 'time' }) }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('model_changes');
    await q.dropIndex('training_interactions', new TableIndex({ columnNames: ['customerRef'] }));
    await dropColumns(q, 'decisions', ['consentVersion']);
    await dropColumns(q, 'training_interactions', ['customerRef', 'consentVersion']);
  }
}
