import { LessThan, MoreThan, type DataSource } from 'typeorm';
import type { Config } from '../../shared/config.js';
import { badInput } from '../../shared/errors.js';
import { rawQuery } from '../../shared/raw-sql.js';
import type { ServiceClient } from '../../shared/service-client.js';
import type { ServedItem, Surface } from '../engine/types.js';
import { attribute, type AttributedExposure } from '../measurement/attribution.js';
import { UNKNOWN_CONSENT_LEVEL, shownItemOf } from '../measurement/decision-summary.js';
import type { ShownItem } from '../entities/decision.entity.js';
import { discoveryAudit, type DiscoveryAudit } from '../measurement/discovery-audit.js';
import { overrideReport, type OverrideAccount } from '../measurement/override-report.js';
import { OverrideRecord } from '../entities/override.entity.js';
import { experimentReport, type ExperimentGroup, type ExperimentReport } from '../measurement/experiment-report.js';
import type { LoggedDecision, MeasuredEventType, ReportWindow, StoredEvent } from '../measurement/window-data.js';
import type { CatalogService } from './catalog.service.js';
import { isInHoldout } from './holdout.js';

const MEASUREMENT_EVENTS = /* GraphQL */ `
  query MeasurementEvents($from: String!, $to: String!, $types: [EventType!]!, $fromRecommendations: Boolean!, $after: Int!) {
    measurementEvents(from: $from, to: $to, types: $types, fromRecommendations: $fromRecommendations, after: $after) {
      events {
        seq
        customerId
        type
        itemId
        value
        decisionId
        occurredAt
      }
      next
    }
  }
`;
const MAX_REPORT_DAYS = 366;
const HOUR_MS = 3_600_000;

interface DecisionRow {
  decisionId: string;
  customerId: string;
  surface: Surface;
  createdAt: string;
  holdout: boolean | number;
  consentLevel: string | null;
  shown: string | null;
  /** Only for rows logged before `shown`. */
  items: string | null;
}

export interface WindowMeta {
  from: string;
  to: string;
  attributionWindowHours: number;
  currency: string;
}

/**
 * The reports staff read back (experiment, overrides, discovery): decisions from this subgraph's
 * log, stored events from profile's, joined here. Reads only; nothing is written.
 */
export class MeasurementService {
  constructor(
    private readonly db: DataSource,
    private readonly catalog: CatalogService,
    private readonly profile: () => ServiceClient,
    private readonly config: Pick<Config, 'holdout' | 'attributionWindowHours'>,
  ) {}

  async experiment(from: string, to: string): Promise<WindowMeta & ExperimentReport> {
    const window = validWindow(from, to);
    const exposures = await this.attributedExposures(window);
    return { ...this.meta(window), ...experimentReport(exposures, (id) => this.groupOf(id)) };
  }

  /** Every override in force at some time in the window, newest first, against the items it displaced. */
  async overrides(from: string, to: string): Promise<WindowMeta & { overrides: OverrideAccount[] }> {
    const window = validWindow(from, to);
    const [records, exposures] = await Promise.all([
      this.db.getRepository(OverrideRecord).find({
        where: { startsAt: LessThan(window.to), endsAt: MoreThan(window.from) },
        order: { createdAt: 'DESC', id: 'ASC' },
      }),
      this.attributedExposures(window),
    ]);
    const inForce = records.filter((o) => o.endedAt === null || o.endedAt > window.from);
    return { ...this.meta(window), overrides: overrideReport(inForce, exposures) };
  }

  /** Blind spots, coverage, slot shares and segments over the window. */
  async discovery(from: string, to: string): Promise<WindowMeta & DiscoveryAudit> {
    const window = validWindow(from, to);
    const [exposures, satisfaction, catalog] = await Promise.all([
      this.attributedExposures(window),
      this.storedEvents(window, ['PURCHASE', 'RATING', 'DISMISS'], false),
      this.catalog.current(),
    ]);
    const { liftByConsentLevel } = experimentReport(exposures, (id) => this.groupOf(id));
    return { ...this.meta(window), ...discoveryAudit(catalog, exposures, satisfaction, liftByConsentLevel) };
  }

  /** Every item shown to a signed-in customer in the window, with its attributed clicks and conversions. */
  async attributedExposures(window: ReportWindow): Promise<AttributedExposure[]> {
    const windowMs = this.config.attributionWindowHours * HOUR_MS;
    const until = new Date(Date.parse(window.to) + windowMs).toISOString();
    const [decisions, events, catalog] = await Promise.all([
      this.decisionsIn(window),
      this.storedEvents({ from: window.from, to: until }, ['VIEW', 'ADD_TO_CART', 'PURCHASE'], true),
      this.catalog.current(),
    ]);
    return attribute(decisions, events, windowMs, (itemId) => catalog.byId.get(itemId)?.price ?? 0);
  }

  groupOf(customerId: string): ExperimentGroup {
    return isInHoldout(customerId, this.config.holdout) ? 'HOLDOUT' : 'PERSONALIZED';
  }

  meta(window: ReportWindow): WindowMeta {
    return { ...window, attributionWindowHours: this.config.attributionWindowHours, currency: this.catalog.currency };
  }

  /** Signed-in customers' decisions logged in the window, oldest first. */
  async decisionsIn(window: ReportWindow): Promise<LoggedDecision[]> {
    const rows = await rawQuery<DecisionRow>(
      this.db,
      'SELECT "decisionId", "customerId", surface, "createdAt", holdout, "consentLevel", shown, CASE WHEN shown IS NULL THEN items END AS items FROM {decisions} WHERE "createdAt" >= ? AND "createdAt" < ? AND "customerId" IS NOT NULL ORDER BY "createdAt", "decisionId"',
      [window.from, window.to],
    );
    return rows.map((r) => ({
      decisionId: r.decisionId,
      customerId: r.customerId,
      surface: r.surface,
      createdAt: r.createdAt,
      holdout: r.holdout === true || r.holdout === 1,
      consentLevel: r.consentLevel ?? UNKNOWN_CONSENT_LEVEL,
      items: r.shown !== null ? (JSON.parse(r.shown) as ShownItem[]) : (JSON.parse(r.items!) as ServedItem[]).map(shownItemOf),
    }));
  }

  /** Profile's stored events of these types in the window, every page. */
  async storedEvents(window: ReportWindow, types: MeasuredEventType[], fromRecommendations: boolean): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const page: { measurementEvents: { events: StoredEvent[]; next: number | null } } = await this.profile().request(MEASUREMENT_EVENTS, {
        ...window,
        types,
        fromRecommendations,
        after,
      });
      events.push(...page.measurementEvents.events);
      after = page.measurementEvents.next;
    }
    return events;
  }
}

/** A report window: two ISO 8601 times, `from` before `to`, at most a year apart. */
export function validWindow(from: string, to: string): ReportWindow {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!Number.isFinite(start) || !Number.isFinite(end)) throw badInput('from and to must be ISO 8601 times.', { field: 'from' });
  if (end <= start) throw badInput('The window must end after it starts.', { field: 'to' });
  if (end - start > MAX_REPORT_DAYS * 24 * HOUR_MS) throw badInput(`A report covers at most ${MAX_REPORT_DAYS} days.`, { field: 'to' });
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}
