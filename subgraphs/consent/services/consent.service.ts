import { createHash } from 'node:crypto';
import { IsNull, type DataSource } from 'typeorm';
import { rawQuery } from '../../shared/raw-sql.js';
import { remembered, type RequestMemo } from '../../shared/request-memo.js';
import type { Clock } from '../../shared/clock.js';
import { badInput, notFound, AppError, ErrorCode } from '../../shared/errors.js';
import { capitalized, parseIsoTime, timeProblem } from '../../shared/input-rules.js';
import type { Transactions } from '../../shared/transactions.js';
import { ALL_PURPOSES, Purpose, isPurposeId, type PurposeId } from '../../shared/purposes.js';
import type { ConsentDecisionRecord, DecisionMethod } from '../entities/consent-decision.entity.js';
import { CustomerRecord } from '../entities/customer.entity.js';
import type { DecisionRecorder, RecordedDecisions } from './decision-recorder.js';
import type { GpcService } from './gpc.service.js';
import type { LedgerService } from './ledger.service.js';
import type { NoticeService } from './notice.service.js';
import type { ReceiptService } from './receipt.service.js';

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
  /** The latest decision behind this state (its receipt can be looked up); null when never asked. */
  decisionId: string | null;
}

export interface ConsentChange {
  purpose: string;
  granted: boolean;
  /** The notice version the customer read: needed to grant, not to withdraw. */
  noticeVersion?: number | null;
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
    private readonly recorder: DecisionRecorder,
    private readonly gpc: GpcService,
    private readonly receipts: ReceiptService,
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  async requireCustomer(customerId: string): Promise<CustomerRecord> {
    const customer = await this.db.getRepository(CustomerRecord).findOneBy({ id: customerId });
    if (!customer || customer.erasedAt) throw notFound(`There is no customer "${customerId}": the account does not exist or was erased.`);
    return customer;
  }

  async customerExists(customerId: string): Promise<boolean> {
    const rows = await rawQuery<{ erasedAt: string | null }>(this.db, 'SELECT "erasedAt" FROM {customers} WHERE id = ?', [customerId]);
    return rows.length > 0 && !rows[0].erasedAt;
  }

  async listCustomers(limit: number): Promise<CustomerRecord[]> {
    return this.db.getRepository(CustomerRecord).find({ where: { erasedAt: IsNull() }, order: { id: 'ASC' }, take: limit });
  }

  async createCustomer(id: string, displayName: string | null): Promise<CustomerRecord> {
    return this.tx.queued(() =>
      this.db.getRepository(CustomerRecord).save({ id, displayName, createdAt: this.clock.now().toISOString(), erasedAt: null }),
    );
  }

  /**
   * Erasure starts here: every purpose still granted is withdrawn (recorded, fanned out like any
   * withdrawal), so the gates close before any subgraph erases and nothing new is collected or
   * learned while it does. Returns how many purposes were withdrawn; repeating it does nothing.
   */
  async withdrawAllForErasure(customerId: string): Promise<number> {
    if (!(await this.customerExists(customerId))) return 0; // erased already: asking again finishes safely
    const { decisions } = await this.recorder.record(customerId, async () => {
      // Read inside the write lock: a grant recorded meanwhile is withdrawn too.
      const occurredAt = this.clock.now().toISOString();
      return (await this.consentsOf(customerId))
        .filter((s) => s.granted && s.purpose !== Purpose.ESSENTIAL)
        .map((s) => ({
          customerId,
          purpose: s.purpose,
          noticeVersion: s.currentNoticeVersion,
          status: 'WITHDRAWN' as const,
          method: 'SYSTEM' as const,
          origin: 'erasure',
          occurredAt,
          expiresAt: null,
        }));
    });
    return decisions.length;
  }

  /** Current state per purpose, in catalog order. */
  async consentsOf(customerId: string, memo?: RequestMemo): Promise<ConsentState[]> {
    const [states, currentNotices] = await Promise.all([
      this.ledger.statesOf(customerId, memo),
      remembered(memo, 'notices', () => this.notices.currentNotices()),
    ]);
    const latestByPurpose = new Map(states.map((s) => [s.purpose, s]));
    const now = this.clock.now().toISOString();
    return ALL_PURPOSES.map((purpose) => {
      const notice = currentNotices.get(purpose);
      const currentNoticeVersion = notice?.version ?? 1;
      if (purpose === Purpose.ESSENTIAL) {
        return {
          purpose,
          granted: true,
          status: 'GRANTED',
          noticeVersion: currentNoticeVersion,
          currentNoticeVersion,
          needsReconsent: false,
          decidedAt: null,
          expiresAt: null,
          decisionId: null,
        };
      }
      const latest = latestByPurpose.get(purpose);
      if (!latest) {
        return {
          purpose,
          granted: false,
          status: null,
          noticeVersion: null,
          currentNoticeVersion,
          needsReconsent: false,
          decidedAt: null,
          expiresAt: null,
          decisionId: null,
        };
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
        decisionId: latest.decisionId,
      };
    });
  }

  /** What every consent gate reads: the purposes granted right now. Read fresh on every request. */
  async grantedPurposes(customerId: string, memo?: RequestMemo): Promise<PurposeId[]> {
    const states = await this.consentsOf(customerId, memo);
    return states.filter((s) => s.granted).map((s) => s.purpose);
  }

  /**
   * Records one or more decisions atomically (all or none), with their receipt. `gpc`: the request
   * carried Sec-GPC, so granting a sale/share or marketing purpose needs an explained conflict first.
   */
  async setConsents(
    customerId: string,
    changes: ConsentChange[],
    source: DecisionSource,
    options: { gpc?: boolean; idempotencyKey?: string | null } = {},
  ): Promise<RecordedDecisions> {
    await this.requireCustomer(customerId);
    const idempotency = options.idempotencyKey ? { key: checkedKey(options.idempotencyKey), fingerprint: fingerprintOf(changes) } : null;
    // A retry of a request already recorded returns it, even if the notice or GPC changed since.
    if (idempotency && (await this.receipts.byIdempotencyKey(customerId, idempotency.key))) {
      return this.recorder.record(customerId, async () => [], idempotency);
    }
    const currentNotices = await this.notices.currentNotices();
    for (const change of changes) this.validateChange(change, currentNotices);
    if (new Set(changes.map((c) => c.purpose)).size !== changes.length) {
      throw badInput('Each purpose may appear only once in one request.', { field: 'changes' });
    }
    const granting = changes.filter((c) => c.granted).map((c) => c.purpose);
    await this.gpc.assertGrantsExplained(customerId, granting, options.gpc === true, (p) => currentNotices.get(p)?.title ?? p);
    await this.recorder.settleBeforeGrant(customerId, granting);
    const now = source.at ?? this.clock.now().toISOString();
    return this.recorder.record(
      customerId,
      async () =>
        changes.map((change) => ({
          customerId,
          purpose: change.purpose,
          // A withdrawal needs no reading of the newest notice: it is recorded against it.
          noticeVersion: change.granted ? change.noticeVersion! : currentNotices.get(change.purpose)!.version,
          status: change.granted ? 'GRANTED' : 'WITHDRAWN',
          method: source.method,
          origin: source.origin,
          occurredAt: now,
          expiresAt: change.granted ? (change.expiresAt ?? null) : null,
        })),
      idempotency,
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
    if (change.noticeVersion == null) {
      throw badInput(`To grant "${change.purpose}", say which notice version you read (noticeVersion; now ${current?.version ?? 1}).`, {
        field: 'noticeVersion',
      });
    }
    if (!current || change.noticeVersion !== current.version) {
      throw new AppError(
        ErrorCode.NOTICE_OUTDATED,
        `The notice for "${change.purpose}" is now version ${current?.version ?? 1}; please read it and decide on that version.`,
        { purpose: change.purpose, currentNoticeVersion: current?.version ?? 1 },
      );
    }
    if (change.expiresAt != null) {
      const problem = timeProblem('expiresAt', change.expiresAt, this.clock.now(), { future: true });
      if (problem) throw badInput(`${capitalized(problem)}.`, { field: 'expiresAt' });
      change.expiresAt = parseIsoTime(change.expiresAt)!.toISOString();
    }
  }
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,64}$/;

function checkedKey(key: string): string {
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw badInput('idempotencyKey must be 8 to 64 letters, digits, "-" or "_" (a UUID works).', { field: 'idempotencyKey' });
  }
  return key;
}

/** What a request asked, independent of the order its changes were listed in. */
function fingerprintOf(changes: ConsentChange[]): string {
  const canonical = [...changes]
    .sort((a, b) => a.purpose.localeCompare(b.purpose))
    .map((c) => [c.purpose, c.granted, c.granted ? (c.noticeVersion ?? null) : null, c.granted ? (c.expiresAt ?? null) : null]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
