import { useEffect, useRef, useState } from 'react';
import type { Control, Recommendation } from '../api/types.js';
import { usePurposeNotices } from '../api/use-purpose-titles.js';
import { formatShare } from '../lib/format.js';

/** How the page lets an explanation's controls act. */
export interface ControlHandling {
  busy: boolean;
  onControl: (control: Control) => void;
}

/** "Why am I seeing this?": each reason, its share of the score, the data and consent it used, and what you can do. */
export function ExplanationPanel(props: ControlHandling & { id: string; recommendation: Recommendation; holdout: boolean }) {
  const { recommendation, holdout } = props;
  const { explanation } = recommendation;
  const notices = usePurposeNotices();
  const [confirming, setConfirming] = useState<Control | null>(null);
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
                        ? `${d.category}, allowed by “${notices.title(d.purpose)}” (notice version ${d.noticeVersion ?? '—'})`
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
                <button
                  type="button"
                  data-action={control.action}
                  aria-disabled={props.busy}
                  aria-expanded={control.action === 'WITHDRAW_PURPOSE' ? confirming === control : undefined}
                  onClick={() => {
                    if (props.busy) return;
                    // Switching a purpose off deletes its data for good: say what, and ask first.
                    if (control.action === 'WITHDRAW_PURPOSE') setConfirming(confirming === control ? null : control);
                    else props.onControl(control);
                  }}
                >
                  {control.label}
                </button>
                {confirming === control && (
                  <WithdrawConfirmation
                    title={notices.title(control.purpose)}
                    data={notices.dataCategories(control.purpose)}
                    onConfirm={() => {
                      setConfirming(null);
                      props.onControl(control);
                    }}
                    onCancel={() => setConfirming(null)}
                  />
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function WithdrawConfirmation(props: { title: string; data: string[]; onConfirm: () => void; onCancel: () => void }) {
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-label={`Confirm: switch off ${props.title}`}>
      <p>
        Switch off “{props.title}”? This <strong>deletes for good</strong> the data we keep only for it
        {props.data.length > 0 ? `: ${props.data.join(', ')}` : ''}. It cannot be undone: you can switch it on again later, but the deleted data does
        not come back.
      </p>
      <p className="message-actions">
        <button ref={confirm} type="button" className="danger-button" onClick={props.onConfirm}>
          Switch off and delete
        </button>
        <button
          type="button"
          className="secondary"
          onClick={(event) => {
            const control = event.currentTarget.closest('li')?.querySelector<HTMLButtonElement>('button[data-action]');
            props.onCancel();
            control?.focus();
          }}
        >
          Cancel
        </button>
      </p>
    </div>
  );
}
