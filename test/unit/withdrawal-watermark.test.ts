import { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  WATERMARK_ENTITIES,
  WithdrawalWatermarkRecord,
  WithdrawalWatermarksTable,
  raiseWatermark,
  watermarkHolder,
} from '../../subgraphs/shared/withdrawal-watermark.js';

describe('withdrawal watermarks', () => {
  let db: DataSource | undefined;
  afterEach(async () => {
    await db?.destroy();
  });

  it('are not raised again for a customer already erased (a withdrawal delivered late names no one)', async () => {
    db = new DataSource({ type: 'sqlite', database: ':memory:', entities: WATERMARK_ENTITIES, migrations: [WithdrawalWatermarksTable] });
    await db.initialize();
    await db.runMigrations();
    await db.transaction((m) => raiseWatermark(m, 'c1', 'personalization.behavioral', 3));
    await db.transaction((m) => watermarkHolder().erase(m, 'c1'));
    await db.transaction((m) => raiseWatermark(m, 'c1', 'personalization.purchase', 7));
    const marks = await db.getRepository(WithdrawalWatermarkRecord).find();
    expect(marks.filter((m) => m.customerId === 'c1')).toEqual([]);
    expect(marks.map((m) => m.purpose)).toEqual(['*erased*']);
  });
});
