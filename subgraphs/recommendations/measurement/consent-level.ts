import { isGranted } from '../../shared/gate.js';
import { PERSONALIZATION_PURPOSES } from '../../shared/purposes.js';

/** A customer's personalization grants as one label: "none", or the granted purposes' short names joined by "+" (e.g. "stated+behavioral"). */
export function consentLevelOf(grantedPurposes: unknown): string {
  const granted = PERSONALIZATION_PURPOSES.filter((p) => isGranted(grantedPurposes, p)).map((p) => p.replace('personalization.', ''));
  return granted.length === 0 ? 'none' : granted.join('+');
}

/** Decisions logged before consent levels were recorded. */
export const UNKNOWN_CONSENT_LEVEL = 'unknown';
