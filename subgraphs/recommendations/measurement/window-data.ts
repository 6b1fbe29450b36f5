import type { ShownItem } from '../entities/decision.entity.js';
import type { Surface } from '../engine/types.js';

/** A signed-in customer's logged decision, as the reports read it. */
export interface LoggedDecision {
  decisionId: string;
  customerId: string;
  surface: Surface;
  createdAt: string;
  holdout: boolean;
  consentLevel: string;
  items: ShownItem[];
}

export type MeasuredEventType = 'VIEW' | 'ADD_TO_CART' | 'PURCHASE' | 'DISMISS' | 'RATING';

/** A stored (so consented) event, as profile hands it to the reports. */
export interface StoredEvent {
  seq: number;
  customerId: string;
  type: MeasuredEventType;
  itemId: string | null;
  value: string | null;
  decisionId: string | null;
  occurredAt: string;
}

/** A report's window: decisions logged in [from, to); their clicks and conversions up to the attribution window after `to`. */
export interface ReportWindow {
  from: string;
  to: string;
}
