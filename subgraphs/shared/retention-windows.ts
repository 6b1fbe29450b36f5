import type { ServiceClient } from './service-client.js';

/**
 * How many days each purpose's current notice lets us keep what it was collected for, read from
 * consent every time, so a shortened window applies from the next sweep.
 */
export async function retentionWindows(consent: ServiceClient): Promise<Map<string, number>> {
  const data = await consent.request<{ purposes: { id: string; notice: { retentionDays: number } }[] }>(
    '{ purposes { id notice { retentionDays } } }',
  );
  return new Map(data.purposes.map((p) => [p.id, p.notice.retentionDays]));
}

const DAY_MS = 86_400_000;

/** The oldest moment still inside a window of `days`, as stored (ISO 8601). */
export function retentionCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}
