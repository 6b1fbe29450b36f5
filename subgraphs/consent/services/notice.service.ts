import type { DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { badInput } from '../../shared/errors.js';
import { capitalized, parseIsoTime, textProblem, timeProblem } from '../../shared/input-rules.js';
import type { Transactions } from '../../shared/transactions.js';
import { isPurposeId } from '../../shared/purposes.js';
import { NoticeRecord } from '../entities/notice.entity.js';
import { INITIAL_NOTICES } from '../notice-catalog.js';

const MAX_DATA_CATEGORIES = 20;

/** Versioned notices per purpose. The current notice is the newest one already in effect. */
export interface NewNoticeVersion {
  purpose: string;
  title: string;
  text: string;
  material: boolean;
  /** Defaults to the previous version's. */
  dataCategories?: string[] | null;
  retentionDays?: number | null;
  /** ISO 8601; defaults to now. */
  effectiveAt?: string | null;
}

export class NoticeService {
  constructor(
    private readonly db: DataSource,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** Seeds version 1 of every purpose's notice when the table is empty. */
  async ensureInitialNotices(): Promise<void> {
    const repo = this.db.getRepository(NoticeRecord);
    if ((await repo.count()) > 0) return;
    const effectiveAt = new Date('2026-01-01T00:00:00.000Z').toISOString();
    await repo.save(INITIAL_NOTICES.map((n) => repo.create({ ...n, version: 1, effectiveAt, material: true })));
  }

  /**
   * Publishes the next version of a purpose's notice. A material version makes earlier grants stop
   * counting once it is in effect (see `lastMaterialVersion`); a non-material one keeps them.
   */
  async publish(input: NewNoticeVersion): Promise<NoticeRecord> {
    if (!isPurposeId(input.purpose)) throw badInput(`"${input.purpose}" is not a purpose we ask consent for.`, { field: 'purpose' });
    const title = input.title.trim();
    const text = input.text.trim();
    if (title.length === 0 || title.length > 200) throw badInput('A notice needs a title of 1 to 200 characters.', { field: 'title' });
    if (text.length === 0 || text.length > 5000) throw badInput('A notice needs a text of 1 to 5,000 characters.', { field: 'text' });
    const now = this.clock.now();
    const problem = input.effectiveAt ? timeProblem('effectiveAt', input.effectiveAt, now, { past: true, future: true }) : null;
    if (problem) throw badInput(`${capitalized(problem)}.`, { field: 'effectiveAt' });
    const effective = input.effectiveAt ? parseIsoTime(input.effectiveAt)!.getTime() : now.getTime();
    if (input.dataCategories != null) {
      const odd = input.dataCategories.length > MAX_DATA_CATEGORIES || input.dataCategories.some((c) => textProblem('category', c, 80));
      if (odd) throw badInput(`A notice names at most ${MAX_DATA_CATEGORIES} data categories, each 1 to 80 characters.`, { field: 'dataCategories' });
    }
    if (input.retentionDays != null && !(Number.isInteger(input.retentionDays) && input.retentionDays > 0 && input.retentionDays <= 3650)) {
      throw badInput('retentionDays must be a whole number of days between 1 and 3650.', { field: 'retentionDays' });
    }
    return this.tx.queued(async () => {
      const repo = this.db.getRepository(NoticeRecord);
      const previous = await repo.findOne({ where: { purpose: input.purpose }, order: { version: 'DESC' } });
      const effectiveAt = new Date(effective).toISOString();
      if (previous && effectiveAt < previous.effectiveAt) {
        throw badInput(`A new version cannot take effect before version ${previous.version} (${previous.effectiveAt}).`, { field: 'effectiveAt' });
      }
      return repo.save(
        repo.create({
          purpose: input.purpose,
          version: (previous?.version ?? 0) + 1,
          title,
          text,
          effectiveAt,
          material: input.material,
          dataCategories: input.dataCategories ?? previous?.dataCategories ?? [],
          retentionDays: input.retentionDays ?? previous?.retentionDays ?? 365,
        }),
      );
    });
  }

  async versionsOf(purpose: string): Promise<NoticeRecord[]> {
    return this.db.getRepository(NoticeRecord).find({ where: { purpose }, order: { version: 'ASC' } });
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
