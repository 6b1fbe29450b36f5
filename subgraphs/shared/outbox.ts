import {
  Column,
  Entity,
  Index,
  LessThan,
  PrimaryGeneratedColumn,
  Table,
  TableIndex,
  type EntityManager,
  type MigrationInterface,
  type QueryRunner,
} from 'typeorm';
import type { Clock } from './clock.js';
import type { MessageEngine } from './message-engine.js';
import { columns } from './migration-columns.js';
import { PeriodicJob } from './periodic-job.js';
import type { Transactions } from './transactions.js';

export type OutboxStatus = 'PENDING' | 'DELIVERED' | 'DEAD';

/**
 * Transactional outbox: what must reach another part is written in the same transaction as the
 * change it follows from, then relayed until delivered. Nothing acknowledged to a client is lost
 * if the relay, the process or the receiver is down meanwhile.
 */
@Entity('outbox')
@Index(['status', 'id'])
export class OutboxRecord {
  @PrimaryGeneratedColumn('increment')
  id: number;

  /** What kind of message, e.g. "training.interactions". */
  @Column('varchar', { length: 64 })
  topic: string;

  @Column('varchar', { length: 64 })
  customerId: string;

  /** The message, as JSON. */
  @Column('text')
  payload: string;

  @Column('varchar', { length: 24 })
  status: OutboxStatus;

  @Column('integer')
  attempts: number;

  @Column('varchar', { length: 255, nullable: true })
  lastError: string | null;

  @Column('varchar', { length: 32 })
  createdAt: string;

  @Column('varchar', { length: 32, nullable: true })
  deliveredAt: string | null;
}

/** One message as a relay hands it to its transport; `messageId` is stable across retries (for de-duplication). */
export interface OutboxMessage {
  messageId: string;
  topic: string;
  customerId: string;
  payload: unknown;
}

/** Delivers one message (HTTP to the receiving part, or a publish to the message engine); throws if it did not arrive. */
export type OutboxTransport = (message: OutboxMessage) => Promise<void>;

/** What the message engine carries for an outbox message. */
export interface RelayedMessage {
  customerId: string;
  payload: unknown;
}

/** The transport when a message engine is configured: publish under the outbox message id (de-duplicated by the engine). */
export function publishTo(engine: MessageEngine): OutboxTransport {
  return (message) =>
    engine.publish(message.topic, message.messageId, { customerId: message.customerId, payload: message.payload } satisfies RelayedMessage);
}

export interface OutboxOptions {
  /** Where the message ids come from, e.g. "profile" → "profile-outbox-42". */
  source: string;
  /** After this many failed attempts a message is dead-lettered (kept, logged, no longer retried); default: never. */
  maxAttempts?: number;
  /** How often undelivered messages are retried. */
  retryMs?: number;
}

/**
 * Writes messages inside the caller's transaction and relays them: right after commit (`kick`)
 * and every `retryMs`. Several instances may relay the same row: receivers are idempotent (and
 * JetStream drops a repeated message id), so a repeat does no harm.
 */
export class Outbox {
  private readonly job: PeriodicJob;
  private relaying: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly transport: OutboxTransport,
    private readonly options: OutboxOptions,
  ) {
    this.job = new PeriodicJob(`${options.source} outbox relay`, options.retryMs ?? 5_000, () => this.relay());
  }

  async enqueue(manager: EntityManager, topic: string, customerId: string, payload: unknown): Promise<void> {
    await manager.insert(OutboxRecord, {
      topic,
      customerId,
      payload: JSON.stringify(payload),
      status: 'PENDING',
      attempts: 0,
      lastError: null,
      createdAt: this.clock.now().toISOString(),
      deliveredAt: null,
    });
  }

  /** After a commit that enqueued: relay soon, without making the client wait. */
  kick(): void {
    void this.relay().catch((error: Error) => console.error(`[${this.options.source} outbox] relay failed, will retry: ${error.message}`));
  }

  /** Delivers every pending message, oldest first; one pass at a time per instance. */
  relay(): Promise<void> {
    if (this.relaying) {
      this.again = true;
      return this.relaying;
    }
    this.relaying = (async () => {
      try {
        do {
          this.again = false;
          await this.relayPending();
        } while (this.again);
      } finally {
        this.relaying = null;
      }
    })();
    return this.relaying;
  }

  start(): void {
    this.job.start();
  }

  async stop(): Promise<void> {
    await this.job.stop();
    await this.relaying;
  }

  /** How many messages are waiting, and how many were given up on (for tests and operators). */
  async backlog(): Promise<{ pending: number; dead: number }> {
    const repo = this.tx.db.getRepository(OutboxRecord);
    return { pending: await repo.countBy({ status: 'PENDING' }), dead: await repo.countBy({ status: 'DEAD' }) };
  }

  private async relayPending(): Promise<void> {
    const repo = this.tx.db.getRepository(OutboxRecord);
    const rows = await repo.find({ where: { status: 'PENDING' }, order: { id: 'ASC' }, take: 200 });
    // A failing message holds back only its customer's later ones (their order is kept); several
    // failures in a row mean the receiver is down, and the pass ends until the next retry.
    const heldBack = new Set<string>();
    let failuresInARow = 0;
    for (const row of rows) {
      if (heldBack.has(row.customerId)) continue;
      if (failuresInARow >= 3) return;
      try {
        await this.transport({
          messageId: `${this.options.source}-outbox-${row.id}`,
          topic: row.topic,
          customerId: row.customerId,
          payload: JSON.parse(row.payload),
        });
        await this.tx.queued(() =>
          repo.update({ id: row.id }, { status: 'DELIVERED', deliveredAt: this.clock.now().toISOString(), lastError: null }),
        );
        failuresInARow = 0;
      } catch (error) {
        failuresInARow += 1;
        const attempts = row.attempts + 1;
        const dead = attempts >= (this.options.maxAttempts ?? Infinity);
        const lastError = String((error as Error).message ?? error).slice(0, 255);
        if (dead)
          console.error(`[${this.options.source} outbox] message ${row.id} (${row.topic}) dead-lettered after ${attempts} attempts: ${lastError}`);
        await this.tx.queued(() => repo.update({ id: row.id }, { attempts, lastError, status: dead ? 'DEAD' : 'PENDING' }));
        if (!dead) heldBack.add(row.customerId);
      }
    }
  }

  /** Delivered messages are kept a while for inspection, then removed. */
  async prune(olderThan: string): Promise<number> {
    return this.tx.queued(
      async () => (await this.tx.db.getRepository(OutboxRecord).delete({ status: 'DELIVERED', deliveredAt: LessThan(olderThan) })).affected ?? 0,
    );
  }
}

export const OUTBOX_ENTITIES = [OutboxRecord];

/** The outbox table, for each subgraph that relays messages. */
export class OutboxTable implements MigrationInterface {
  name = 'OutboxTable1799193600200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: columns({
          id: 'serial',
          topic: 'ref',
          customerId: 'ref',
          payload: 'longtext',
          status: 'short',
          attempts: 'int',
          lastError: 'text?',
          createdAt: 'time',
          deliveredAt: 'time?',
        }),
      }),
    );
    await q.createIndex('outbox', new TableIndex({ columnNames: ['status', 'id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('outbox');
  }
}
