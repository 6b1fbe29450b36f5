import type { Control, Recommendation } from '../api/types.js';
import { formatShare, purposeName } from '../lib/format.js';

/** "Why am I seeing this?": each reason, its share of the score, the data and consent it used, and what you can do. */
/** How the page lets an explanation's controls act. */
export interface ControlHandling {
  busy: boolean;
  onControl: (control: Control) => void;
}

export function ExplanationPanel(props: ControlHandling & { id: string; recommendation: Recommendation; holdout: boolean }) {
  const { recommendation, holdout } = props;
  const { explanation } = recommendation;
  if (!explanation) {
    return (
      <div id={props.id} className="explanation">
        <p>We cannot show why this is here right now: that part of our service did not answer. Please try again in a moment.</p>
      </div>
    );
  }
  const total = explanation.reasons.reduce((sum, r) => sum + Math.abs(r.weight), 0);
  return (
    <div id={props.id} className="explanation">
      <p>{explanation.summary}</p>
      {recommendation.promoted && (
        <p className="disclosure">Promoted: our merchandising team placed or boosted this item. It is not based on your data.</p>
      )}
      {holdout && <p className="disclosure">You are in the comparison group, so this list does not use your data.</p>}
      <h3>Reasons</h3>
      <ul className="reasons">
        {explanation.reasons.map((reason, i) => (
          <li key={`${reason.kind}-${i}`}>
            <span>{reason.text}</span> <span className="share">({formatShare(Math.abs(reason.weight), total)} of the score)</span>
            <br />
            <small>
              Data used:{' '}
              {reason.dataUsed.length === 0
                ? 'none of your personal data'
                : reason.dataUsed
                    .map((d) =>
                      d.purpose
                        ? `${d.category}, allowed by “${purposeName(d.purpose)}” (notice version ${d.noticeVersion ?? '—'})`
                        : `${d.category}, not personal`,
                    )
                    .join('; ')}
            </small>
          </li>
        ))}
      </ul>
      {explanation.controls.length > 0 && (
        <>
          <h3>What you can do</h3>
          <ul className="controls">
            {explanation.controls.map((control, i) => (
              <li key={`${control.action}-${control.target ?? control.purpose ?? i}`}>
                <button type="button" data-action={control.action} disabled={props.busy} onClick={() => props.onControl(control)}>
                  {control.label}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
