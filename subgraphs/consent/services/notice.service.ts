import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { NoticeRecord } from '../entities/notice.entity.js';
import { INITIAL_NOTICES } from '../notice-catalog.js';

/** Versioned notices per purpose. The current notice is the newest one already in effect. */
export class NoticeService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Seeds version 1 of every purpose's notice when the table is empty. */
  async ensureInitialNotices(): Promise<void> {
    const repo = this.db.getRepository(NoticeRecord);
    if ((await repo.count()) > 0) return;
    const effectiveAt = new Date('2026-01-01T00:00:00.000Z').toISOString();
    await repo.save(INITIAL_NOTICES.map((n) => repo.create({ ...n, version: 1, effectiveAt, material: true })));
  }

  async allVersions(): Promise<NoticeRecord[]> {
    return this.db.getRepository(NoticeRecord).find({ order: { purpose: 'ASC', version: 'ASC' } });
  }

  /** Every purpose's versions in effect now, newest last. */
  async currentNotices(): Promise<Map<string, NoticeRecord & { history: NoticeRecord[] }>> {
    const now = this.clock.now().toISOString();
    const result = new Map<string, NoticeRecord & { history: NoticeRecord[] }>();
    for (const notice of await this.allVersions()) {
      if (notice.effectiveAt > now) continue;
      const history = [...(result.get(notice.purpose)?.history ?? []), notice];
      result.set(notice.purpose, Object.assign(Object.create(NoticeRecord.prototype), notice, { history }));
    }
    return result;
  }

  /** The newest material version in effect: grants for older versions no longer count. */
  lastMaterialVersion(purpose: string, current: Map<string, { history: NoticeRecord[] }>): number {
    const history = current.get(purpose)?.history ?? [];
    const material = history.filter((n) => n.material);
    return material.length > 0 ? material[material.length - 1].version : 1;
  }
}
