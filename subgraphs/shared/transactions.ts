import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, ErrorCode } from './errors.js';

/** What a database said when a write lost a race with another transaction (any instance's). */
export type WriteConflict = 'unique' | 'serialization';

/**
 * Recognizes a lost race in the driver's error: a unique constraint another transaction satisfied
 * first, or PostgreSQL's serialization failure / deadlock. Anything else is not a race.
 */
export function writeConflictOf(error: unknown): WriteConflict | null {
  const e = error as { code?: unknown; driverError?: { code?: unknown; message?: unknown }; message?: unknown };
  const code = String(e?.driverError?.code ?? e?.code ?? '');
  const message = String(e?.driverError?.message ?? e?.message ?? '');
  if (code === '23505' || /SQLITE_CONSTRAINT.*UNIQUE|UNIQUE constraint failed/.test(message)) return 'unique';
  if (code === '40001' || code === '40P01') return 'serialization';
  return null;
}

export interface TransactionOptions {
  /** How many times a transaction that lost a race is run again before the conflict is answered. */
  attempts?: number;
  /** What the client is told when every attempt lost (a plain sentence; the code is CONFLICT). */
  conflictMessage?: string;
}

const DEFAULT_CONFLICT = 'Someone else changed this at the same moment, so nothing was changed. Please try again.';

/**
 * Every write transaction of a subgraph goes through here. Correctness comes from the database:
 * constraints and checks inside the transaction (with `lockKeys` where a check must see a
 * concurrent writer). A transaction that loses a race is run again from the start, so its checks
 * see the winner; if it keeps losing, the client gets CONFLICT with a plain message, never a driver
 * string.
 *
 * On SQLite, TypeORM has one connection, on which transactions cannot overlap, so they take turns
 * on it. That is the driver's limit, not a rule (SQLite itself has one writer at a time): no
 * consent rule depends on it, and on PostgreSQL nothing waits in memory. One instance per
 * subgraph (per connection) is shared by all its services.
 */
export class Transactions {
  /** SQLite only: the end of the line of work waiting for the one connection. */
  private connectionTurn: Promise<unknown> | null;

  constructor(readonly db: DataSource) {
    this.connectionTurn = db.options.type === 'sqlite' ? Promise.resolve() : null;
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const attempts = options.attempts ?? 5;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(() => this.db.transaction(work));
      } catch (error) {
        const conflict = writeConflictOf(error);
        if (conflict === null) throw error;
        if (attempt >= attempts) {
          console.warn(`[transactions] gave up after ${attempts} lost races (${conflict})`, (error as Error).message);
          throw new AppError(ErrorCode.CONFLICT, options.conflictMessage ?? DEFAULT_CONFLICT);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  /** A statement outside any transaction (a single insert or delete) that must queue on SQLite too. */
  queued<T>(task: () => Promise<T>): Promise<T> {
    return this.once(task);
  }

  private once<T>(task: () => Promise<T>): Promise<T> {
    if (this.connectionTurn === null) return task();
    const result = this.connectionTurn.then(task, task);
    this.connectionTurn = result.catch(() => undefined);
    return result;
  }
}

/** A 64-bit advisory lock key for a name (PostgreSQL takes a bigint). */
function lockKey(name: string): string {
  return BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(name).digest('hex').slice(0, 16)}`)).toString();
}

/**
 * Transaction-scoped locks held by the database, so they hold across every instance: `shared` for
 * writers that check a rule (many at once), `exclusive` for the one that changes what the rule
 * reads. Released at commit or rollback. Taken in a fixed order, so two transactions never wait on
 * each other. SQLite has one writer at a time, so its transactions need none.
 */
export async function lockKeys(manager: EntityManager, names: string[], mode: 'shared' | 'exclusive'): Promise<void> {
  if (manager.connection.options.type !== 'postgres') return;
  const fn = mode === 'shared' ? 'pg_advisory_xact_lock_shared' : 'pg_advisory_xact_lock';
  for (const name of [...new Set(names)].sort()) await manager.query(`SELECT ${fn}($1::bigint)`, [lockKey(name)]);
}
