/**
 * Shape rules for inputs that several parts take: times and short identifiers. Each check answers
 * with what is wrong in words (null when fine), so a caller can either refuse the request
 * (BAD_USER_INPUT) or reject one item of a batch with that reason.
 */

const DAY_MS = 86_400_000;

/** No notice may keep data longer (retentionDays ≤ 3650), so no time further off means anything to us. */
export const MAX_TIME_DISTANCE_DAYS = 3650;

/** A full ISO 8601 time with a zone: `2026-11-01T12:00:00Z`, `2026-11-01T13:00:00.250+01:00`. */
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

export const ISO_TIME_EXAMPLE = '2026-11-01T12:00:00Z';

/** The instant `value` names, when it is a real calendar time in the ISO 8601 form above; otherwise null. */
export function parseIsoTime(value: unknown): Date | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const m = ISO_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second = '0', offsetHours = '0', offsetMinutes = '0'] = m.slice(1);
  const daysInMonth = new Date(Date.UTC(Number(year), Number(month), 0)).getUTCDate();
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > daysInMonth) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number(offsetHours) > 23 || Number(offsetMinutes) > 59) return null;
  const at = Date.parse(value);
  return Number.isFinite(at) ? new Date(at) : null;
}

/**
 * What is wrong with `value` as a time for `field`, or null: the ISO form, then the range around
 * `now` (past: at most MAX_TIME_DISTANCE_DAYS ago; future: up to that far ahead).
 */
export function timeProblem(
  field: string,
  value: unknown,
  now: Date,
  range: { past?: boolean; future?: boolean; futureSkewMs?: number },
): string | null {
  const at = parseIsoTime(value);
  if (!at) return `${field} must be an ISO 8601 time with a zone, like ${ISO_TIME_EXAMPLE}`;
  const distance = MAX_TIME_DISTANCE_DAYS * DAY_MS;
  if (!range.future && at.getTime() > now.getTime() + (range.futureSkewMs ?? 0)) return `${field} is in the future`;
  if (!range.past && at.getTime() <= now.getTime()) return `${field} must be in the future`;
  if (at.getTime() < now.getTime() - distance) return `${field} is more than ${MAX_TIME_DISTANCE_DAYS / 365} years ago`;
  if (at.getTime() > now.getTime() + distance) return `${field} is more than ${MAX_TIME_DISTANCE_DAYS / 365} years ahead`;
  return null;
}

/** Catalog item ids, client event ids, channel names: letters, digits and `._:-`, starting with a letter or digit. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export function identifierProblem(field: string, value: unknown, maxLength: number): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength || !IDENTIFIER.test(value)) {
    return `${field} must be 1 to ${maxLength} letters, digits, ".", "_", ":" or "-"`;
  }
  return null;
}

/** Free text a person typed (a search): 1 to `maxLength` characters, no control characters. */
export function textProblem(field: string, value: unknown, maxLength: number): string | null {
  // eslint-disable-next-line no-control-regex
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > maxLength || /[\u0000-\u001f\u007f]/.test(value)) {
    return `${field} must be 1 to ${maxLength} characters of text`;
  }
  return null;
}

/** A problem as the start of a sentence (for an error message). */
export const capitalized = (problem: string) => problem.charAt(0).toUpperCase() + problem.slice(1);
