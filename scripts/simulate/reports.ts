/** The three staff reports, fetched through the gateway and printed as plain tables. */

const OUTCOME = 'exposures clicks addToCarts purchases revenue clickThroughRate purchasesPerExposure';
const LIFT = 'metric personalized holdout lift low high tooLittleData';
/** One query per report: each reads the whole window, so they are asked one after the other. */
export const REPORT_QUERIES = [
  /* GraphQL */ `
  query ExperimentReport($from: String!, $to: String!) {
    experimentReport(from: $from, to: $to) {
      from to attributionWindowHours currency
      groups { group customers exposures clicks clickThroughRate addToCarts purchases customersPurchasing conversionRate revenue revenuePerCustomer }
      lift { ${LIFT} }
      liftByConsentLevel { consentLevel personalizedCustomers holdoutCustomers lift { ${LIFT} } }
      bySurfaceAndSlot { surface slot group exposures clicks addToCarts purchases revenue }
    }
  }`,
  /* GraphQL */ `
  query OverrideReport($from: String!, $to: String!) {
    overrideReport(from: $from, to: $to) {
      overrides {
        override { id kind itemId surface position boost author reasonCategory justification startsAt endsAt endedAt endedBy }
        promoted { ${OUTCOME} }
        displaced { ${OUTCOME} }
      }
    }
  }`,
  /* GraphQL */ `
  query DiscoveryAudit($from: String!, $to: String!) {
    discoveryAudit(from: $from, to: $to) {
      catalogSize itemsShown coverage
      slots { slot share exposures clicks purchases purchasesPerExposure }
      blindSpots { itemId title category repeatBuyers highRatings dismissals satisfaction exposures }
      neverShown { segment customers categoriesNeverShown }
      holdoutConvertsBetter { consentLevel personalizedCustomers holdoutCustomers lift { ${LIFT} } }
    }
  }`,
];

type Row = Record<string, unknown>;

export async function fetchReports(gatewayUrl: string, token: string, window: { from: string; to: string }): Promise<Row> {
  const reports: Row = {};
  for (const query of REPORT_QUERIES) {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables: window }),
    });
    const body = (await response.json()) as { data?: Row; errors?: unknown[] };
    if (!body.data || body.errors?.length) throw new Error(`The report failed: ${JSON.stringify(body.errors)}`);
    Object.assign(reports, body.data);
  }
  return reports;
}

const pct = (x: unknown) => (typeof x === 'number' ? `${(x * 100).toFixed(2)}%` : '—');
const num = (x: unknown) => (typeof x === 'number' ? (Number.isInteger(x) ? String(x) : x.toFixed(2)) : String(x ?? '—'));
const liftText = (l: Row) => (l.lift === null ? String(l.tooLittleData) : `${pct(l.lift)} [${pct(l.low)}, ${pct(l.high)}]`);

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function formatReports(data: Row): string {
  const e = data.experimentReport as Row;
  const o = (data.overrideReport as Row).overrides as Row[];
  const d = data.discoveryAudit as Row;
  const out: string[] = [];
  out.push(`## experimentReport ${e.from} – ${e.to} (attribution window ${e.attributionWindowHours} h, ${e.currency})`);
  out.push(
    table(
      ['group', 'customers', 'exposures', 'clicks', 'CTR', 'carts', 'purchases', 'buyers', 'purchases/exposure', 'revenue', 'revenue/customer'],
      (e.groups as Row[]).map((g) => [
        String(g.group),
        num(g.customers),
        num(g.exposures),
        num(g.clicks),
        pct(g.clickThroughRate),
        num(g.addToCarts),
        num(g.purchases),
        num(g.customersPurchasing),
        pct(g.conversionRate),
        num(g.revenue),
        num(g.revenuePerCustomer),
      ]),
    ),
  );
  out.push(
    '',
    table(
      ['metric', 'personalized', 'holdout', 'lift [95% CI]'],
      (e.lift as Row[]).map((l) => [String(l.metric), num(l.personalized), num(l.holdout), liftText(l)]),
    ),
  );
  out.push(
    '',
    table(
      ['consent level', 'personalized / holdout customers', 'conversion lift', 'revenue/customer lift'],
      (e.liftByConsentLevel as Row[]).map((c) => {
        const lifts = c.lift as Row[];
        const of = (m: string) => liftText(lifts.find((l) => l.metric === m)!);
        return [String(c.consentLevel), `${num(c.personalizedCustomers)} / ${num(c.holdoutCustomers)}`, of('CONVERSION'), of('REVENUE_PER_CUSTOMER')];
      }),
    ),
  );
  out.push(
    '',
    table(
      ['surface', 'slot', 'group', 'exposures', 'clicks', 'carts', 'purchases', 'revenue'],
      (e.bySurfaceAndSlot as Row[]).map((r) => [r.surface, r.slot, r.group, r.exposures, r.clicks, r.addToCarts, r.purchases, r.revenue].map(num)),
    ),
  );
  out.push('', '## overrideReport');
  out.push(
    table(
      [
        'kind',
        'item',
        'surface',
        'author',
        'reason',
        'justification',
        'window',
        'ended',
        'exposures',
        'CTR',
        'purchases/exp',
        'displaced CTR',
        'displaced purchases/exp',
      ],
      o.map((a) => {
        const ov = a.override as Row;
        const p = a.promoted as Row;
        const x = a.displaced as Row;
        return [
          String(ov.kind),
          String(ov.itemId),
          String(ov.surface ?? 'all'),
          String(ov.author),
          String(ov.reasonCategory),
          String(ov.justification),
          `${String(ov.startsAt).slice(0, 10)} – ${String(ov.endsAt).slice(0, 10)}`,
          ov.endedAt ? `${String(ov.endedAt).slice(0, 10)} by ${String(ov.endedBy)}` : '—',
          num(p.exposures),
          pct(p.clickThroughRate),
          pct(p.purchasesPerExposure),
          pct(x.clickThroughRate),
          pct(x.purchasesPerExposure),
        ];
      }),
    ),
  );
  out.push('', `## discoveryAudit: coverage ${num(d.itemsShown)} of ${num(d.catalogSize)} items (${pct(d.coverage)})`);
  out.push(
    table(
      ['slot', 'share', 'exposures', 'clicks', 'purchases', 'purchases/exp'],
      (d.slots as Row[]).map((s) => [String(s.slot), pct(s.share), num(s.exposures), num(s.clicks), num(s.purchases), pct(s.purchasesPerExposure)]),
    ),
  );
  out.push(
    '',
    table(
      ['blind spot', 'title', 'category', 'repeat buyers', 'ratings ≥4', 'dismissals', 'satisfaction', 'exposures'],
      (d.blindSpots as Row[]).map((b) =>
        [b.itemId, b.title, b.category, b.repeatBuyers, b.highRatings, b.dismissals, b.satisfaction, b.exposures].map(num),
      ),
    ),
  );
  out.push(
    '',
    table(
      ['segment (consent level)', 'customers', 'categories never shown'],
      (d.neverShown as Row[]).map((g) => [String(g.segment), num(g.customers), (g.categoriesNeverShown as string[]).join(', ') || '—']),
    ),
  );
  const better = d.holdoutConvertsBetter as Row[];
  out.push(
    '',
    better.length === 0
      ? 'Holdout converts better than personalization in: no segment.'
      : table(
          ['holdout converts better in', 'personalized / holdout customers', 'conversion lift'],
          better.map((c) => [
            String(c.consentLevel),
            `${num(c.personalizedCustomers)} / ${num(c.holdoutCustomers)}`,
            liftText((c.lift as Row[]).find((l) => l.metric === 'CONVERSION')!),
          ]),
        ),
  );
  return out.join('\n');
}
