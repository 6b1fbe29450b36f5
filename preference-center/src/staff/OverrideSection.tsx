import { useState } from 'react';
import { useStaffQuery } from './api.js';
import { day, percent } from './format.js';
import { OverrideForm } from './OverrideForm.js';
import { BarPlot } from './plots.js';
import { RunningOverrides } from './RunningOverrides.js';
import type { ReportWindow } from './StaffConsole.js';

const OUTCOME = 'exposures clicks purchases clickThroughRate purchasesPerExposure';
const QUERY = /* GraphQL */ `
  query StaffOverrides($from: String!, $to: String!) {
    overrideReport(from: $from, to: $to) {
      overrides {
        override { id kind itemId surface author reasonCategory justification startsAt endsAt endedAt endedBy }
        promoted { ${OUTCOME} }
        displaced { ${OUTCOME} }
      }
    }
  }
`;

interface Outcome {
  exposures: number;
  clicks: number;
  purchases: number;
  clickThroughRate: number;
  purchasesPerExposure: number;
}
interface Report {
  overrideReport: {
    overrides: {
      override: {
        id: string;
        kind: string;
        itemId: string;
        surface: string | null;
        author: string;
        reasonCategory: string;
        justification: string;
        startsAt: string;
        endsAt: string;
        endedAt: string | null;
        endedBy: string | null;
      };
      promoted: Outcome;
      displaced: Outcome;
    }[];
  };
}

export function OverrideSection({ window }: { window: ReportWindow }) {
  const report = useStaffQuery<Report>(QUERY, window);
  const [changes, setChanges] = useState(0);
  const changed = () => {
    setChanges((n) => n + 1);
    report.reload();
  };
  const accounts = report.data?.overrideReport.overrides ?? [];
  return (
    <>
      {report.error && <p role="alert">{report.error.message}</p>}
      {report.data && accounts.length === 0 && <p>No override was in force in this window.</p>}
      {accounts.length > 0 && (
        <>
          <table data-testid="override-report">
            <caption>Every override in force in the window, against the items it displaced</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Kind and surface</th>
                <th scope="col">By, and why</th>
                <th scope="col">Window</th>
                <th scope="col">Shown</th>
                <th scope="col">Click-through (displaced)</th>
                <th scope="col">Purchases per item shown (displaced)</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map(({ override: o, promoted, displaced }) => (
                <tr key={o.id} data-override-id={o.id}>
                  <th scope="row">{o.itemId}</th>
                  <td>
                    {o.kind} · {o.surface ?? 'every surface'}
                  </td>
                  <td>
                    {o.author}, {o.reasonCategory}: “{o.justification}”
                  </td>
                  <td>
                    {day(o.startsAt)} – {day(o.endsAt)}
                    {o.endedAt && ` (ended ${day(o.endedAt)} by ${o.endedBy})`}
                  </td>
                  <td>{promoted.exposures}</td>
                  <td>
                    {percent(promoted.clickThroughRate)} ({percent(displaced.clickThroughRate)})
                  </td>
                  <td>
                    {percent(promoted.purchasesPerExposure, 2)} ({percent(displaced.purchasesPerExposure, 2)})
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <BarPlot
            testId="override-plot"
            title="Click-through of promoted items against the items they displaced"
            bars={accounts.flatMap(({ override: o, promoted, displaced }) => [
              { label: `${o.itemId} promoted`, value: promoted.clickThroughRate, text: percent(promoted.clickThroughRate) },
              { label: `${o.itemId} displaced`, value: displaced.clickThroughRate, text: percent(displaced.clickThroughRate) },
            ])}
          />
        </>
      )}
      <RunningOverrides changes={changes} onEnded={changed} />
      <OverrideForm onCreated={changed} />
    </>
  );
}
