/** Small accessible SVG plots: each has a title and a text description; the tables beside them hold the numbers. */

export interface Bar {
  label: string;
  value: number;
  text: string;
}

const WIDTH = 560;
const ROW = 26;
const LABEL = 170;

export function BarPlot({ title, bars, testId }: { title: string; bars: Bar[]; testId: string }) {
  const max = Math.max(1e-9, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 10;
  return (
    <figure className="plot" data-testid={testId}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.text}`).join(', ')}`}>
        {bars.map((b, i) => (
          <g key={b.label} transform={`translate(0 ${i * ROW + 5})`}>
            <text x={LABEL - 8} y={ROW / 2 + 4} textAnchor="end" className="plot-label">
              {b.label}
            </text>
            <rect x={LABEL} y={3} height={ROW - 8} width={Math.max(1, (b.value / max) * (WIDTH - LABEL - 90))} className="plot-bar" />
            <text x={LABEL + Math.max(1, (b.value / max) * (WIDTH - LABEL - 90)) + 6} y={ROW / 2 + 4} className="plot-value">
              {b.text}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}

export interface Interval {
  label: string;
  estimate: number | null;
  low: number | null;
  high: number | null;
  note: string;
}

/** Point estimates with their 95% intervals around zero (no lift); rows without a number say why. */
export function IntervalPlot({ title, intervals, testId }: { title: string; intervals: Interval[]; testId: string }) {
  const known = intervals.filter((i) => i.low !== null && i.high !== null);
  const extent = Math.max(0.1, ...known.flatMap((i) => [Math.abs(i.low!), Math.abs(i.high!)]));
  const plotWidth = WIDTH - LABEL - 20;
  const x = (v: number) => LABEL + ((v + extent) / (2 * extent)) * plotWidth;
  const height = intervals.length * ROW + 24;
  return (
    <figure className="plot" data-testid={testId}>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}: ${intervals.map((i) => `${i.label} ${i.note}`).join('; ')}`}>
        <line x1={x(0)} x2={x(0)} y1={0} y2={height - 18} className="plot-axis" />
        <text x={x(0)} y={height - 4} textAnchor="middle" className="plot-value">
          no lift
        </text>
        {intervals.map((i, row) => (
          <g key={i.label} transform={`translate(0 ${row * ROW + 4})`}>
            <text x={LABEL - 8} y={ROW / 2 + 4} textAnchor="end" className="plot-label">
              {i.label}
            </text>
            {i.estimate !== null && i.low !== null && i.high !== null ? (
              <>
                <line x1={x(i.low)} x2={x(i.high)} y1={ROW / 2} y2={ROW / 2} className="plot-interval" />
                <circle cx={x(i.estimate)} cy={ROW / 2} r={5} className="plot-point" />
              </>
            ) : (
              <text x={LABEL + 4} y={ROW / 2 + 4} className="plot-value">
                too little data
              </text>
            )}
          </g>
        ))}
      </svg>
      <figcaption>{title}</figcaption>
    </figure>
  );
}
