import { KIND_WORDS, SENTIMENT_WORDS } from './preference-words.js';
import { STATUS_WORDS, formatDateTime, methodWords } from './format.js';
import type { PreferenceKind, Sentiment } from '../api/types.js';

/** The machine export (every subgraph's records), as far as the readable copy reads it. */
export interface MachineExport {
  customerId: string;
  exportedAt: string;
  subgraphs: Record<string, Record<string, unknown[]> | undefined>;
}

interface Row {
  when: string;
  what: string;
  detail: string;
}

export interface ReadableSection {
  title: string;
  intro: string;
  rows: Row[];
}

const EVENT_WORDS: Record<string, string> = {
  VIEW: 'Looked at',
  ADD_TO_CART: 'Put in the basket',
  PURCHASE: 'Bought',
  SEARCH: 'Searched for',
  DISMISS: 'Hid',
  RATING: 'Rated',
};

type Rec = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
const part = (e: MachineExport, subgraph: string, category: string) => (e.subgraphs[subgraph]?.[category] ?? []) as Rec[];

/** Every item id the export mentions, so the copy can name the products. */
export function itemIdsIn(e: MachineExport): string[] {
  const ids = new Set<string>();
  for (const event of part(e, 'profile', 'events')) if (event.itemId) ids.add(text(event.itemId));
  for (const decision of part(e, 'recommendations', 'decisions'))
    for (const item of (decision.items as Rec[] | undefined) ?? []) ids.add(text(item.itemId));
  for (const view of part(e, 'explanations', 'explanationViews')) ids.add(text(view.itemId));
  return [...ids];
}

/**
 * The export for a person: what you told us, what you did, what we showed you, and your consents,
 * with product names and purpose titles instead of ids and codes. The JSON stays the full record.
 */
export function readableSections(e: MachineExport, productName: (id: string) => string, purposeTitle: (id: string) => string): ReadableSection[] {
  const product = (id: unknown) => productName(text(id));
  const told = part(e, 'profile', 'statedPreferences').map((p) => ({
    when: formatDateTime(text(p.updatedAt ?? p.createdAt)),
    what: `${KIND_WORDS[p.kind as PreferenceKind] ?? text(p.kind)}: ${text(p.value)}`,
    detail: `${SENTIMENT_WORDS[p.sentiment as Sentiment] ?? text(p.sentiment)} (strength ${text(p.weight)})`,
  }));
  const did = part(e, 'profile', 'events').map((ev) => ({
    when: formatDateTime(text(ev.occurredAt)),
    what: `${EVENT_WORDS[text(ev.type)] ?? text(ev.type)} ${ev.itemId ? product(ev.itemId) : `“${text(ev.value)}”`}`,
    detail: `on ${text(ev.channel)}, kept under “${purposeTitle(text(ev.purpose))}”`,
  }));
  const training = part(e, 'recommendations', 'model training interactions');
  if (training.length > 0)
    did.push({
      when: '',
      what: `${training.length} of these also help improve recommendations for everyone`,
      detail: `kept under “${purposeTitle('model.training')}”`,
    });
  const shown = [
    ...part(e, 'recommendations', 'decisions').map((d) => ({
      when: formatDateTime(text(d.createdAt)),
      what: `A list of ${((d.items as Rec[] | undefined) ?? []).length} recommendations${d.personalized ? ', personalized' : ''}`,
      detail: ((d.items as Rec[] | undefined) ?? []).map((i) => product(i.itemId)).join('; '),
    })),
    ...part(e, 'explanations', 'explanationViews').map((v) => ({
      when: formatDateTime(text(v.shownAt)),
      what: `Why we recommended ${product(v.itemId)}`,
      detail: text(v.summary),
    })),
  ];
  const consents = part(e, 'consent', 'consent ledger entries').map((d) => ({
    when: formatDateTime(text(d.occurredAt)),
    what: `${STATUS_WORDS[d.status as keyof typeof STATUS_WORDS] ?? text(d.status)}: ${purposeTitle(text(d.purpose))}`,
    detail: `${methodWords(text(d.method))}; notice version ${text(d.noticeVersion)}`,
  }));
  for (const signal of part(e, 'consent', 'GPC records'))
    consents.push({ when: formatDateTime(text(signal.firstSeenAt)), what: 'Global Privacy Control signal received', detail: 'we honor it' });
  return [
    { title: 'What you told us', intro: 'Your stated preferences.', rows: told },
    { title: 'What you did', intro: 'Your activity with us that we keep, and why we may keep it.', rows: did },
    { title: 'What we showed you', intro: 'Recommendations we showed you and the explanations you opened.', rows: shown },
    { title: 'Your consents', intro: 'Every choice you made about your data, oldest first.', rows: consents },
  ];
}

const escapeHtml = (v: string) => v.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A self-contained web page (no scripts, nothing loaded from elsewhere) to read or print. */
export function toHtml(e: MachineExport, sections: ReadableSection[]): string {
  const body = sections
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.title)}</h2><p>${escapeHtml(s.intro)}</p>${
          s.rows.length === 0
            ? '<p>Nothing.</p>'
            : `<table><thead><tr><th>When</th><th>What</th><th>Details</th></tr></thead><tbody>${s.rows
                .map((r) => `<tr><td>${escapeHtml(r.when)}</td><td>${escapeHtml(r.what)}</td><td>${escapeHtml(r.detail)}</td></tr>`)
                .join('')}</tbody></table>`
        }</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your data (${escapeHtml(e.customerId)})</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:60rem;margin:auto;padding:1rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #ccc;padding:.3rem;vertical-align:top}</style>
</head><body><h1>Your data</h1><p>Everything we hold about ${escapeHtml(e.customerId)}, as of ${escapeHtml(formatDateTime(e.exportedAt))}.</p>
${body}
</body></html>
`;
}

/** One row per record: section, when, what, details (opens in any spreadsheet). */
export function toCsv(sections: ReadableSection[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [['Section', 'When', 'What', 'Details'].join(',')];
  for (const s of sections) for (const r of s.rows) lines.push([s.title, r.when, r.what, r.detail].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
