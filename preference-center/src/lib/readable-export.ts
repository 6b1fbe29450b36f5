import { methodWords, statusWords } from './format.js';
import type { Strings } from '../i18n/locale.js';

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
export function readableSections(
  t: Strings,
  e: MachineExport,
  productName: (id: string) => string,
  purposeTitle: (id: string) => string,
): ReadableSection[] {
  const product = (id: unknown) => productName(text(id));
  const when = (v: unknown) => t.formatDateTime(text(v));
  const word = (words: Record<string, string>, v: unknown) => words[text(v)] ?? text(v);
  const told = part(e, 'profile', 'statedPreferences').map((p) => ({
    when: when(p.updatedAt ?? p.createdAt),
    what: `${word(t.words.kinds, p.kind)}: ${text(p.value)}`,
    detail: t.exportFile.strength(word(t.words.sentiments, p.sentiment), typeof p.weight === 'number' ? t.formatNumber(p.weight) : text(p.weight)),
  }));
  const did = part(e, 'profile', 'events').map((ev) => ({
    when: when(ev.occurredAt),
    what: t.exportFile.event(word(t.words.events, ev.type), ev.itemId ? product(ev.itemId) : t.exportFile.searchText(text(ev.value))),
    detail: t.exportFile.channel(text(ev.channel), purposeTitle(text(ev.purpose))),
  }));
  const training = part(e, 'recommendations', 'model training interactions');
  if (training.length > 0)
    did.push({ when: '', what: t.exportFile.training(training.length), detail: t.exportFile.keptUnder(purposeTitle('model.training')) });
  const shown = [
    ...part(e, 'recommendations', 'decisions').map((d) => ({
      when: when(d.createdAt),
      what: t.exportFile.list(((d.items as Rec[] | undefined) ?? []).length, Boolean(d.personalized)),
      detail: ((d.items as Rec[] | undefined) ?? []).map((i) => product(i.itemId)).join('; '),
    })),
    ...part(e, 'explanations', 'explanationViews').map((v) => ({
      when: when(v.shownAt),
      what: t.exportFile.why(product(v.itemId)),
      detail: text(v.summary),
    })),
  ];
  const consents = part(e, 'consent', 'consent ledger entries').map((d) => ({
    when: when(d.occurredAt),
    what: t.exportFile.decision(statusWords(t, text(d.status)), purposeTitle(text(d.purpose))),
    detail: t.exportFile.decisionDetail(methodWords(t, text(d.method)), text(d.noticeVersion)),
  }));
  for (const signal of part(e, 'consent', 'GPC records'))
    consents.push({ when: when(signal.firstSeenAt), what: t.exportFile.gpcReceived, detail: t.exportFile.gpcHonored });
  const { told: toldWords, did: didWords, shown: shownWords, consents: consentWords } = t.exportFile;
  return [
    { ...toldWords, rows: told },
    { ...didWords, rows: did },
    { ...shownWords, rows: shown },
    { ...consentWords, rows: consents },
  ];
}

const escapeHtml = (v: string) => v.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A self-contained web page (no scripts, nothing loaded from elsewhere) to read or print. */
export function toHtml(t: Strings, e: MachineExport, sections: ReadableSection[]): string {
  const body = sections
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.title)}</h2><p>${escapeHtml(s.intro)}</p>${
          s.rows.length === 0
            ? `<p>${escapeHtml(t.exportFile.nothing)}</p>`
            : `<table><thead><tr><th>${escapeHtml(t.exportFile.when)}</th><th>${escapeHtml(t.exportFile.what)}</th><th>${escapeHtml(t.exportFile.details)}</th></tr></thead><tbody>${s.rows
                .map((r) => `<tr><td>${escapeHtml(r.when)}</td><td>${escapeHtml(r.what)}</td><td>${escapeHtml(r.detail)}</td></tr>`)
                .join('')}</tbody></table>`
        }</section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(t.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.exportFile.title(e.customerId))}</title>
<style>body{font-family:system-ui,sans-serif;line-height:1.5;max-width:60rem;margin:auto;padding:1rem}table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #ccc;padding:.3rem;vertical-align:top}</style>
</head><body><h1>${escapeHtml(t.exportFile.heading)}</h1><p>${escapeHtml(t.exportFile.intro(e.customerId, t.formatDateTime(e.exportedAt)))}</p>
${body}
</body></html>
`;
}

/** One row per record: section, when, what, details (opens in any spreadsheet). */
export function toCsv(t: Strings, sections: ReadableSection[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [[t.exportFile.section, t.exportFile.when, t.exportFile.what, t.exportFile.details].map(cell).join(',')];
  for (const s of sections) for (const r of s.rows) lines.push([s.title, r.when, r.what, r.detail].map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
