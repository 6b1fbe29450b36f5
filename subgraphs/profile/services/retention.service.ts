import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import type { KeyedMutex } from '../../shared/keyed-mutex.js';
import { EventRecord } from '../entities/event.entity.js';
import type { PeerClients } from './peer-clients.js';

const DAY_MS = 86_400_000;

export interface PurgedEvents {
  purpose: string;
  count: number;
}

/**
 * Retention per purpose (SPEC §5): events older than their purpose's notice allows are purged.
 * Runs at start and every `retentionSweepMs`; windows come from the consent notices each time,
 * so a shortened window applies from the next sweep. When consent does not answer, the sweep is
 * skipped (nothing is guessed) and the next one tries again.
 */
export class RetentionService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: DataSource,
    private readonly writes: KeyedMutex,
    private readonly peers: PeerClients,
    private readonly clock: Clock,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.trigger();
    this.timer = setInterval(() => this.trigger(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Purges expired events now; returns what went, per purpose. */
  async sweep(): Promise<PurgedEvents[]> {
    const windows = await this.retentionDays();
    const now = this.clock.now().getTime();
    return this.writes.run('db', () =>
      this.db.transaction(async (manager) => {
        const purged: PurgedEvents[] = [];
        for (const [purpose, days] of windows) {
          const cutoff = new Date(now - days * DAY_MS).toISOString();
          const result = await manager
            .createQueryBuilder()
            .delete()
            .from(EventRecord)
            .where('purpose = :purpose AND occurredAt < :cutoff', { purpose, cutoff })
            .execute();
          if (result.affected) purged.push({ purpose, count: result.affected });
        }
        return purged;
      }),
    );
  }

  private trigger(): void {
    this.running = this.running
      .then(() => this.sweep())
      .catch((error: Error) => console.error(`[profile] retention sweep skipped, will retry: ${error.message}`));
  }

  private async retentionDays(): Promise<Map<string, number>> {
    const data = await this.peers
      .of('consent')
      .request<{ purposes: { id: string; notice: { retentionDays: number } }[] }>('{ purposes { id notice { retentionDays } } }');
    return new Map(data.purposes.map((p) => [p.id, p.notice.retentionDays]));
  }
}
