import { IsNull, type DataSource } from 'typeorm';
import type { Clock } from '../../shared/clock.js';
import { badInput, notFound, AppError, ErrorCode } from '../../shared/errors.js';
import type { KeyedMutex } from '../../shared/keyed-mutex.js';
import { ALL_PURPOSES, Purpose, isPurposeId, type PurposeId } from '../../shared/purposes.js';
import type { ConsentDecisionRecord, DecisionMethod } from '../entities/consent-decision.entity.js';
import { CustomerRecord } from '../entities/customer.entity.js';
import type { LedgerService } from './ledger.service.js';
import type { NoticeService } from './notice.service.js';

/** The current state of one purpose for one customer, derived from the ledger. */
export interface ConsentState {
  purpose: PurposeId;
  granted: boolean;
  /** The latest decision's status as it stands now (a lapsed grant reads EXPIRED); null when never asked. */
  status: ConsentDecisionRecord['status'] | null;
  noticeVersion: number | null;
  currentNoticeVersion: number;
  needsReconsent: boolean;
  decidedAt: string | null;
  expiresAt: string | null;
}

export interface ConsentChange {
  purpose: string;
  granted: boolean;
  noticeVersion: number;
  expiresAt?: string | null;
}

export interface DecisionSource {
  method: DecisionMethod;
  origin: string;
  /** For imports of earlier decisions; otherwise now. */
  at?: string;
}

export class ConsentService {
  constructor(
    private readonly db: DataSource,
    private readonly ledger: LedgerService,
    private readonly notices: NoticeService,
    private readonly writes: KeyedMutex,
    private readonly clock: Clock,
  ) {}

  async requireCustomer(customerId: string): Promise<CustomerRecord> {
    const customer = await this.db.getRepository(CustomerRecord).findOneBy({ id: customerId });
    if (!customer || customer.erasedAt) throw notFound(`There is no customer "${customerId}".`);
    return customer;
  }

  async customerExists(customerId: string): Promise<boolean> {
    const customer = await this.db.getRepository(CustomerRecord).findOneBy({ id: customerId });
    return Boolean(customer && !customer.erasedAt);
  }

  async listCustomers(limit: number): Promise<CustomerRecord[]> {
    return this.db.getRepository(CustomerRecord).find({ where: { erasedAt: IsNull() }, order: { id: 'ASC' }, take: limit });
  }

  async createCustomer(id: string, displayName: string | null): Promise<CustomerRecord> {
    return this.writes.run('db', () =>
      this.db.getRepository(CustomerRecord).save({ id, displayName, createdAt: this.clock.now().toISOString(), erasedAt: null }),
    );
  }

  /** Current state per purpose, in catalog order. */
  async consentsOf(customerId: string): Promise<ConsentState[]> {
    const [decisions, currentNotices] = await Promise.all([
      this.ledger.decisionsOf(customerId),
      this.notices.currentNotices(),
    ]);
    const latestByPurpose = new Map<string, ConsentDecisionRecord>();
    for (const d of decisions) latestByPurpose.set(d.purpose, d);
    const now = this.clock.now().toISOString();
    return ALL_PURPOSES.map((purpose) => {
      const notice = currentNotices.get(purpose);
      const currentNoticeVersion = notice?.version ?? 1;
      if (purpose === Purpose.ESSENTIAL) {
        return { purpose, granted: true, status: 'GRANTED', noticeVersion: currentNoticeVersion, currentNoticeVersion, needsReconsent: false, decidedAt: null, expiresAt: null };
      }
      const latest = latestByPurpose.get(purpose);
      if (!latest) {
        return { purpose, granted: false, status: null, noticeVersion: null, currentNoticeVersion, needsReconsent: false, decidedAt: null, expiresAt: null };
      }
      const expired = latest.status === 'GRANTED' && latest.expiresAt !== null && latest.expiresAt <= now;
      const lastMaterial = notice ? this.notices.lastMaterialVersion(purpose, currentNotices) : 1;
      const needsReconsent = latest.status === 'GRANTED' && !expired && latest.noticeVersion < lastMaterial;
      return {
        purpose,
        granted: latest.status === 'GRANTED' && !expired && !needsReconsent,
        status: expired ? 'EXPIRED' : latest.status,
        noticeVersion: latest.noticeVersion,
        currentNoticeVersion,
        needsReconsent,
        decidedAt: latest.occurredAt,
        expiresAt: latest.expiresAt,
      };
    });
  }

  /** What every consent gate reads: the purposes granted right now. Read fresh on every request. */
  async grantedPurposes(customerId: string): Promise<PurposeId[]> {
    const states = await this.consentsOf(customerId);
    return states.filter((s) => s.granted).map((s) => s.purpose);
  }

  /** Records one or more decisions atomically: all are written or none is. */
  async setConsents(customerId: string, changes: ConsentChange[], source: DecisionSource): Promise<ConsentDecisionRecord[]> {
    await this.requireCustomer(customerId);
    const currentNotices = await this.notices.currentNotices();
    for (const change of changes) this.validateChange(change, currentNotices);
    return this.writes.run('db', () =>
      this.db.transaction(async (manager) => {
        const written: ConsentDecisionRecord[] = [];
        const now = source.at ?? this.clock.now().toISOString();
        for (const change of changes) {
          written.push(
            await this.ledger.append(manager, {
              customerId,
              purpose: change.purpose,
              // A withdrawal needs no reading of the newest notice: it is recorded against it.
              noticeVersion: change.granted ? change.noticeVersion : currentNotices.get(change.purpose)!.version,
              status: change.granted ? 'GRANTED' : 'WITHDRAWN',
              method: source.method,
              origin: source.origin,
              occurredAt: now,
              expiresAt: change.granted ? (change.expiresAt ?? null) : null,
            }),
          );
        }
        return written;
      }),
    );
  }

  private validateChange(change: ConsentChange, currentNotices: Map<string, { version: number }>): void {
    if (!isPurposeId(change.purpose)) {
      throw badInput(`"${change.purpose}" is not a purpose we ask consent for.`, { field: 'purpose' });
    }
    if (change.purpose === Purpose.ESSENTIAL) {
      throw badInput('The "essential" purpose is always on: it runs the shop and is never used for personalization.', { field: 'purpose' });
    }
    const current = currentNotices.get(change.purpose);
    if (!change.granted && current) return;
    if (!current || change.noticeVersion !== current.version) {
      throw new AppError(
        ErrorCode.NOTICE_OUTDATED,
        `The notice for "${change.purpose}" is now version ${current?.version ?? 1}; please read it and decide on that version.`,
        { purpose: change.purpose, currentNoticeVersion: current?.version ?? 1 },
      );
    }
    if (change.expiresAt != null && !(change.expiresAt > this.clock.now().toISOString())) {
      throw badInput('An expiry must be a date in the future.', { field: 'expiresAt' });
    }
  }
}
