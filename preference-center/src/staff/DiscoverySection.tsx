import { useStaffQuery } from './api.js';
import { percent } from './format.js';
import { BarPlot } from './plots.js';
import type { ReportWindow } from './StaffConsole.js';

const QUERY = /* GraphQL */ `
  query StaffDiscovery($from: String!, $to: String!) {
    discoveryAudit(from: $from, to: $to) {
      catalogSize
      itemsShown
      coverage
      slots {
        slot
        share
        exposures
        clicks
        purchases
        purchasesPerExposure
      }
      blindSpots {
        itemId
        title
        category
        repeatBuyers
        highRatings
        dismissals
        satisfaction
        exposures
      }
      neverShown {
        segment
        customers
        categoriesNeverShown
      }
      holdoutConvertsBetter {
        consentLevel
        personalizedCustomers
        holdoutCustomers
        lift {
          metric
          personalized
          holdout
          lift
          tooLittleData
        }
      }
    }
  }
`;

interface Audit {
  discoveryAudit: {
    catalogSize: number;
    itemsShown: number;
    coverage: number;
    slots: { slot: string; share: number; exposures: number; clicks: number; purchases: number; purchasesPerExposure: number }[];
    blindSpots: {
      itemId: string;
      title: string;
      category: string;
      repeatBuyers: number;
      highRatings: number;
      dismissals: number;
      satisfaction: number;
      exposures: number;
    }[];
    neverShown: { segment: string; customers: number; categoriesNeverShown: string[] }[];
    holdoutConvertsBetter: {
      consentLevel: string;
      personalizedCustomers: number;
      holdoutCustomers: number;
      lift: { metric: string; personalized: number; holdout: number; lift: number | null; tooLittleData: string | null }[];
    }[];
  };
}

const SLOT_NAMES: Record<string, string> = { KNOWN: 'Known preferences', ADJACENT: 'Adjacent categories', WILDCARD: 'Wildcards' };

export function DiscoverySection({ window }: { window: ReportWindow }) {
  const { data, error, loading } = useStaffQuery<Audit>(QUERY, window);
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p role="status">{loading ? 'Loading the discovery audit…' : ''}</p>;
  const a = data.discoveryAudit;
  return (
    <>
      <p data-testid="coverage">
        Catalog coverage: {a.itemsShown} of {a.catalogSize} items shown ({percent(a.coverage)}).
      </p>
      <table data-testid="discovery-slots">
        <caption>What each slot kind was given, and what it led to</caption>
        <thead>
          <tr>
            <th scope="col">Slot kind</th>
            <th scope="col">Share shown</th>
            <th scope="col">Items shown</th>
            <th scope="col">Clicks</th>
            <th scope="col">Purchases per item shown</th>
          </tr>
        </thead>
        <tbody>
          {a.slots.map((s) => (
            <tr key={s.slot}>
              <th scope="row">{SLOT_NAMES[s.slot]}</th>
              <td>{percent(s.share)}</td>
              <td>{s.exposures}</td>
              <td>{s.clicks}</td>
              <td>{percent(s.purchasesPerExposure, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BarPlot
        testId="slot-plot"
        title="Items shown by slot kind"
        bars={a.slots.map((s) => ({ label: SLOT_NAMES[s.slot], value: s.exposures, text: String(s.exposures) }))}
      />
      <h3>Blind spots: satisfying items rarely shown</h3>
      {a.blindSpots.length === 0 ? (
        <p>No item with repeat purchases or high ratings went unseen in this window.</p>
      ) : (
        <>
          <table data-testid="blind-spots">
            <caption>Satisfaction is repeat buyers plus ratings of 4 or 5, minus dismissals</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Category</th>
                <th scope="col">Repeat buyers</th>
                <th scope="col">Ratings of 4–5</th>
                <th scope="col">Dismissals</th>
                <th scope="col">Times shown</th>
              </tr>
            </thead>
            <tbody>
              {a.blindSpots.map((b) => (
                <tr key={b.itemId} data-item-id={b.itemId}>
                  <th scope="row">
                    {b.title} <span className="muted">({b.itemId})</span>
                  </th>
                  <td>{b.category}</td>
                  <td>{b.repeatBuyers}</td>
                  <td>{b.highRatings}</td>
                  <td>{b.dismissals}</td>
                  <td>{b.exposures}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <BarPlot
            testId="blind-spot-plot"
            title="Blind spots: satisfaction of items shown rarely (times shown in brackets)"
            bars={a.blindSpots.slice(0, 10).map((b) => ({ label: b.itemId, value: b.satisfaction, text: `${b.satisfaction} (${b.exposures}×)` }))}
          />
        </>
      )}
      <table data-testid="never-shown">
        <caption>Categories a segment was never shown</caption>
        <thead>
          <tr>
            <th scope="col">Segment (consent level)</th>
            <th scope="col">Customers</th>
            <th scope="col">Never shown</th>
          </tr>
        </thead>
        <tbody>
          {a.neverShown.map((g) => (
            <tr key={g.segment}>
              <th scope="row">{g.segment}</th>
              <td>{g.customers}</td>
              <td>{g.categoriesNeverShown.join(', ') || 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="holdout-better">
        {a.holdoutConvertsBetter.length === 0
          ? 'In no segment does the holdout convert better than personalization.'
          : `The holdout converts better than personalization in: ${a.holdoutConvertsBetter
              .map((c) => {
                const conversion = c.lift.find((l) => l.metric === 'CONVERSION')!;
                return `${c.consentLevel} (${percent(conversion.holdout)} against ${percent(conversion.personalized)}${conversion.lift === null ? ', too little data to tell' : ''})`;
              })
              .join('; ')}.`}
      </p>
    </>
  );
}
