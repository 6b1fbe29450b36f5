import { Purpose, isPurposeId, type PurposeId } from './purposes.js';

/**
 * The consent gate (SPEC §3). Every personalizing resolver passes the `grantedPurposes` and the
 * purpose-tagged data it received through `@requires` through these functions before use.
 * Anything missing or malformed counts as "no consent": the gate fails closed.
 */

export interface GatedSignal {
  kind: string;
  value: string;
  weight: number;
  occurredAt: string;
  purpose: PurposeId;
  noticeVersion: number;
  evidenceId?: string | null;
}

/** The granted purposes as a set; `essential` is dropped because it never personalizes. */
export function grantedPurposeSet(granted: unknown): ReadonlySet<PurposeId> {
  if (!Array.isArray(granted)) return new Set();
  if (!granted.every((p) => typeof p === 'string')) return new Set();
  return new Set(granted.filter(isPurposeId).filter((p) => p !== Purpose.ESSENTIAL));
}

export function isGranted(granted: unknown, purpose: PurposeId): boolean {
  return grantedPurposeSet(granted).has(purpose);
}

/** Keeps only well-formed signals whose purpose is granted now. */
export function gateSignals(granted: unknown, signals: unknown): GatedSignal[] {
  const allowed = grantedPurposeSet(granted);
  if (allowed.size === 0 || !Array.isArray(signals)) return [];
  return signals.filter((s): s is GatedSignal => isWellFormedSignal(s) && allowed.has(s.purpose));
}

/** Keeps only items whose purpose is granted now: for purpose-tagged records other than signals. */
export function gateByPurpose<T extends { purpose: string }>(granted: unknown, items: readonly T[]): T[] {
  const allowed = grantedPurposeSet(granted) as ReadonlySet<string>;
  return items.filter((item) => allowed.has(item.purpose));
}

function isWellFormedSignal(s: unknown): s is GatedSignal {
  if (typeof s !== 'object' || s === null) return false;
  const r = s as Record<string, unknown>;
  return (
    typeof r.kind === 'string' &&
    typeof r.value === 'string' &&
    typeof r.weight === 'number' &&
    Number.isFinite(r.weight) &&
    typeof r.occurredAt === 'string' &&
    isPurposeId(r.purpose) &&
    typeof r.noticeVersion === 'number'
  );
}
