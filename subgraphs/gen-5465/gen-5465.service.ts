import { randomUUID } from 'node:crypto';
import { LessThanOrEqual, type DataSource } from 'typeorm';
import type { Clock } from '../shared/clock.js';
import type { CustomerDataHolder } from '../shared/customer-data.js';
import type { RemovedData } from '../shared/data-removal.types.js';
import { Purpose } from '../shared/purposes.js';
import type { WithdrawalBounds, WithdrawalHandler } from '../shared/withdrawal.resolver.js';
import { Gen5465Record } from './gen-5465.entity.js';

/** gen-5465's storage: what customers share with it under `share.partners`. */
export class Gen5465Service implements WithdrawalHandler {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Records arrive through your own channel; store them under the purpose they were shared for. */
  async add(customerId: string, text: string): Promise<Gen5465Record> {
    const record = { id: randomUUID(), customerId, text, purpose: Purpose.SHARE_PARTNERS, createdAt: this.clock.now().toISOString() };
    await this.db.getRepository(Gen5465Record).insert(record);
    return record;
  }

  list(customerId: string): Promise<Gen5465Record[]> {
    return this.db.getRepository(Gen5465Record).find({ where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Pushed by consent: what was shared under the withdrawn purpose goes (up to the withdrawal). */
  async applyWithdrawal(customerId: string, purpose: string, bounds: WithdrawalBounds): Promise<RemovedData[]> {
    const where = { customerId, purpose, ...(bounds.upTo ? { createdAt: LessThanOrEqual(bounds.upTo) } : {}) };
    const { affected } = await this.db.getRepository(Gen5465Record).delete(where);
    return [{ category: 'gen5465', count: affected ?? 0 }];
  }
}

/** Export and erasure (the data policy refuses a partner that stores personal data without them). */
export const gen5465Holder: CustomerDataHolder = {
  category: 'gen5465',
  export: (db, customerId) => db.getRepository(Gen5465Record).find({ where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } }),
  erase: async (db, customerId) => (await db.getRepository(Gen5465Record).delete({ customerId })).affected ?? 0,
};
