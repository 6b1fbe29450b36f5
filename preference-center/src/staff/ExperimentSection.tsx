import { useStaffQuery } from './api.js';
import { amount, percent, signedPercent } from './format.js';
import { IntervalPlot } from './plots.js';
import type { ReportWindow } from './StaffConsole.js';

const LIFT = 'metric personalized holdout lift low high tooLittleData';
const QUERY = /* GraphQL */ `
  query StaffExperiment($from: String!, $to: String!) {
    experimentReport(from: $from, to: $to) {
      attributionWindowHours
      currency
      groups { group customers exposures clicks clickThroughRate addToCarts purchases customersPurchasing conversionRate revenue revenuePerCustomer }
      lift { ${LIFT} }
      liftByConsentLevel { consentLevel personalizedCustomers holdoutCustomers lift { ${LIFT} } }
    }
  }
`;

interface Lift {
  metric: string;
  personalized: number;
  holdout: number;
  lift: number | null;
  low: number | null;
  high: number | null;
  tooLittleData: string | null;
}
interface Report {
  experimentReport: {
    attributionWindowHours: number;
    currency: string;
    groups: {
      group: string;
      customers: number;
      exposures: number;
      clicks: number;
      clickThroughRate: number;
      addToCarts: number;
      purchases: number;
      customersPurchasing: number;
      conversionRate: number;
      revenue: number;
      revenuePerCustomer: number;
    }[];
    lift: Lift[];
    liftByConsentLevel: { consentLevel: string; personalizedCustomers: number; holdoutCustomers: number; lift: Lift[] }[];
  };
}

const METRIC_NAMES: Record<string, string> = {
  CLICK_THROUGH: 'Click-through',
  CONVERSION: 'Conversion (purchases per item shown)',
  REVENUE_PER_CUSTOMER: 'Revenue per customer',
};
const liftText = (l: Lift) =>
  l.lift === null ? l.tooLittleData : `${signedPercent(l.lift)} (95% interval ${signedPercent(l.low!)} to ${signedPercent(l.high!)})`;

export function ExperimentSection({ window }: { window: ReportWindow }) {
  const { data, error, loading } = useStaffQuery<Report>(QUERY, window);
  if (error) return <p role="alert">{error.message}</p>;
  if (!data) return <p role="status">{loading ? 'Loading the experiment report…' : ''}</p>;
  const r = data.experimentReport;
  return (
    <>
      <p>
        Lists decided in the window; clicks, add-to-carts and purchases that name a list count when they happen within {r.attributionWindowHours}{' '}
        hours of it, and only when the customer&apos;s consent let us store them. Groups are by holdout assignment.
      </p>
      <table data-testid="experiment-groups">
        <caption>Personalized against holdout</caption>
        <thead>
          <tr>
            <th scope="col">Group</th>
            <th scope="col">Customers</th>
            <th scope="col">Items shown</th>
            <th scope="col">Click-through</th>
            <th scope="col">Add-to-carts</th>
            <th scope="col">Purchases</th>
            <th scope="col">Purchases per item shown</th>
            <th scope="col">Revenue per customer ({r.currency})</th>
          </tr>
        </thead>
        <tbody>
          {r.groups.map((g) => (
            <tr key={g.group} data-group={g.group}>
              <th scope="row">{g.group === 'HOLDOUT' ? 'Holdout' : 'Personalized'}</th>
              <td>{g.customers}</td>
              <td>{g.exposures}</td>
              <td>{percent(g.clickThroughRate)}</td>
              <td>{g.addToCarts}</td>
              <td>{g.purchases}</td>
              <td>{percent(g.conversionRate, 2)}</td>
              <td>{amount(g.revenuePerCustomer)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="experiment-lift">
        <caption>Lift of personalization over the holdout</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Lift</th>
          </tr>
        </thead>
        <tbody>
          {r.lift.map((l) => (
            <tr key={l.metric} data-metric={l.metric}>
              <th scope="row">{METRIC_NAMES[l.metric]}</th>
              <td>{liftText(l)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <IntervalPlot
        testId="lift-plot"
        title="Lift with its 95% interval"
        intervals={r.lift.map((l) => ({ label: METRIC_NAMES[l.metric], estimate: l.lift, low: l.low, high: l.high, note: liftText(l) ?? '' }))}
      />
      <table data-testid="experiment-consent-levels">
        <caption>Conversion lift per consent level</caption>
        <thead>
          <tr>
            <th scope="col">Consent level</th>
            <th scope="col">Customers (personalized / holdout)</th>
            <th scope="col">Conversion lift</th>
          </tr>
        </thead>
        <tbody>
          {r.liftByConsentLevel.map((c) => (
            <tr key={c.consentLevel}>
              <th scope="row">{c.consentLevel}</th>
              <td>
                {c.personalizedCustomers} / {c.holdoutCustomers}
              </td>
              <td>{liftText(c.lift.find((l) => l.metric === 'CONVERSION')!)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
