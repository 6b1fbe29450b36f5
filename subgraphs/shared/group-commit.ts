import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Transactions } from './transactions.js';

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How many writes one transaction takes at most. */
const MAX_BATCH = 500;

/**
 * Group commit for log-style writes (decisions served, explanations shown): writes that arrive
 * while a transaction is committing are gathered and committed together by the next one, so many
 * requests share one transaction (one sync to disk) instead of each holding its own. Every
 * caller's promise settles only when its own write has committed, so nothing is acknowledged
 * before it is durable, and a crash loses only writes nobody was told about.
 *
 * A batch that fails is written again one by one, so one bad write fails only its own caller.
 * Gathering happens in this process; the rules (constraints, watermark checks) are the
 * transaction's, so any number of instances can each batch their own writes.
 */
export class GroupCommit<T> {
  private queue: Pending<T>[] = [];
  private flushing = false;

  constructor(
    private readonly tx: Transactions,
    private readonly write: (manager: EntityManager, items: T[]) => Promise<void>,
  ) {}

  /** Resolves once every item has committed (in one transaction or, after a failure, alone). */
  add(...items: T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    const settled = items.map(
      (item) =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({ item, resolve, reject });
        }),
    );
    if (!this.flushing) {
      this.flushing = true;
      // Let the writes of resolvers running in this same turn join the first batch.
      setImmediate(() => void this.flush());
    }
    return Promise.all(settled).then(() => undefined);
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          await this.tx.run((manager) =>
            this.write(
              manager,
              batch.map((p) => p.item),
            ),
          );
          for (const p of batch) p.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          for (const p of batch) {
            await this.tx.run((manager) => this.write(manager, [p.item])).then(p.resolve, p.reject);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}

/** SQLite binds at most 999 values in one statement. */
const MAX_BOUND_VALUES = 999;

/**
 * Inserts a batch's rows in as few statements as the drivers allow, keeping a row already stored
 * (same key) as it was.
 */
export async function insertNew<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: T[]): Promise<void> {
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / manager.connection.getMetadata(entity).columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + perStatement) as never)
      .orIgnore()
      .execute();
  }
}
