/** Purpose identifiers of SPEC §4. Notices and their versions live in the consent subgraph. */
export const Purpose = {
  ESSENTIAL: 'essential',
  STATED: 'personalization.stated',
  BEHAVIORAL: 'personalization.behavioral',
  PURCHASE: 'personalization.purchase',
  MODEL_TRAINING: 'model.training',
  ANALYTICS: 'analytics',
  MARKETING_EMAIL: 'marketing.email',
  MARKETING_PUSH: 'marketing.push',
  SHARE_PARTNERS: 'share.partners',
} as const;
export type PurposeId = (typeof Purpose)[keyof typeof Purpose];

export const ALL_PURPOSES: readonly PurposeId[] = Object.values(Purpose);

/** Purposes whose data may shape what one customer is shown. `essential` never does. */
export const PERSONALIZATION_PURPOSES: readonly PurposeId[] = [Purpose.STATED, Purpose.BEHAVIORAL, Purpose.PURCHASE];

/** Purposes first-party events are collected under (browsing, and purchases). */
export const EVENT_PURPOSES: readonly PurposeId[] = [Purpose.BEHAVIORAL, Purpose.PURCHASE];

/**
 * Purposes our subgraphs hold data for (what a withdrawal deletes or unlearns). The others
 * (analytics, marketing, sharing) decide what may be done, but nothing is stored under them here.
 */
export const DATA_HOLDING_PURPOSES: readonly PurposeId[] = [...PERSONALIZATION_PURPOSES, Purpose.MODEL_TRAINING];

/** Purposes that Global Privacy Control denies (sale/share and marketing). */
export const GPC_DENIED_PURPOSES: readonly PurposeId[] = [Purpose.SHARE_PARTNERS, Purpose.MARKETING_EMAIL, Purpose.MARKETING_PUSH];

export function isPurposeId(value: unknown): value is PurposeId {
  return typeof value === 'string' && (ALL_PURPOSES as readonly string[]).includes(value);
}
