import type { DataSource, EntityManager } from 'typeorm';
import type { Transactions } from './transactions.js';

/**
 * One kind of data a subgraph holds about a customer (events, decisions, explanation views, a
 * model's share of a customer…). Every holder is exported and erased the same way, so adding
 * data to a subgraph means adding a holder, not another export or erasure path.
 */
export interface CustomerDataHolder {
  /** The name used in the export document and in the erasure report. */
  category: string;
  export(db: EntityManager, customerId: string): Promise<unknown[]>;
  /** Removes everything of this kind for the customer; returns how many records went. Idempotent. */
  erase(db: EntityManager, customerId: string): Promise<number>;
  /** Runs first in the erasure's transaction, before any holder erases (e.g. waiting for writers under way). */
  beforeErase?(db: EntityManager, customerId: string): Promise<void>;
}

export interface CustomerDataExport {
  subgraph: string;
  data: Record<string, unknown[]>;
}

export interface CustomerErasure {
  subgraph: string;
  removed: { category: string; count: number }[];
}

/** Export and erasure of everything one subgraph holds about a customer (SPEC §5). */
export class CustomerDataService {
  constructor(
    private readonly subgraph: string,
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly holders: CustomerDataHolder[],
  ) {}

  /** Adds a holder after construction, e.g. a model that must forget an erased customer. */
  register(holder: CustomerDataHolder): void {
    this.holders.push(holder);
  }

  async exportFor(customerId: string): Promise<CustomerDataExport> {
    const data: Record<string, unknown[]> = {};
    for (const holder of this.holders) data[holder.category] = await holder.export(this.db.manager, customerId);
    return { subgraph: this.subgraph, data };
  }

  /**
   * All holders in one transaction: a crash half-way removes nothing, and a retry is harmless.
   * Erasure runs after consent withdrew every purpose (each subgraph's watermarks raised), so no
   * write allowed before it can land after it.
   */
  eraseFor(customerId: string): Promise<CustomerErasure> {
    return this.tx.run(async (manager) => {
      for (const holder of this.holders) await holder.beforeErase?.(manager, customerId);
      const removed: CustomerErasure['removed'] = [];
      for (const holder of this.holders) removed.push({ category: holder.category, count: await holder.erase(manager, customerId) });
      return { subgraph: this.subgraph, removed };
    });
  }
}

/** A holder for an entity with a `customerId` column: the common case. */
export function entityHolder<T extends object>(
  category: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entity: Function & { prototype: T },
  order: Record<string, 'ASC' | 'DESC'>,
): CustomerDataHolder {
  return {
    category,
    export: (db, customerId) => db.getRepository(entity).find({ where: { customerId } as never, order: order as never }),
    erase: async (db, customerId) => (await db.getRepository(entity).delete({ customerId } as never)).affected ?? 0,
  };
}
