import { useEffect, useRef, useState } from 'react';
import type { Control, Recommendation } from '../api/types.js';
import { usePurposeNotices } from '../api/use-purpose-titles.js';
import { useStrings } from '../i18n/locale.js';
import { Rich } from '../i18n/Rich.js';

/** How the page lets an explanation's controls act. */
export interface ControlHandling {
  busy: boolean;
  onControl: (control: Control) => void;
}

/** "Why am I seeing this?": each reason, its share of the score, the data and consent it used, and what you can do. */
export function ExplanationPanel(props: ControlHandling & { id: string; recommendation: Recommendation; holdout: boolean }) {
  const t = useStrings();
  const { recommendation, holdout } = props;
  const { explanation } = recommendation;
  const notices = usePurposeNotices();
  const [confirming, setConfirming] = useState<Control | null>(null);
  if (!explanation) {
    return (
      <div id={props.id} className="explanation">
        <p>{t.recommendations.unavailable}</p>
      </div>
    );
  }
  const total = explanation.reasons.reduce((sum, r) => sum + Math.abs(r.weight), 0);
  return (
    <div id={props.id} className="explanation">
      <p>{explanation.summary}</p>
      {recommendation.promoted && <p className="disclosure">{t.recommendations.promotedDisclosure}</p>}
      {holdout && <p className="disclosure">{t.recommendations.holdoutDisclosure}</p>}
      <h3>{t.recommendations.reasons}</h3>
      <ul className="reasons">
        {explanation.reasons.map((reason, i) => (
          <li key={`${reason.kind}-${i}`}>
            <span>{reason.text}</span> <span className="share">{t.recommendations.ofTheScore(t.formatShare(Math.abs(reason.weight), total))}</span>
            <br />
            <small>
              {t.recommendations.dataUsed}{' '}
              {reason.dataUsed.length === 0
                ? t.recommendations.noPersonalData
                : reason.dataUsed
                    .map((d) =>
                      d.purpose
                        ? t.recommendations.allowedBy(d.category, notices.title(d.purpose), String(d.noticeVersion ?? '—'))
                        : t.recommendations.notPersonal(d.category),
                    )
                    .join('; ')}
            </small>
          </li>
        ))}
      </ul>
      {explanation.controls.length > 0 && (
        <>
          <h3>{t.recommendations.whatYouCanDo}</h3>
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
                  {t.recommendations.control(control.action, control.label, controlSubject(control, notices.title))}
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

/** What a control acts on, for labels the catalog words itself: the purpose's title, or the category. */
function controlSubject(control: Control, title: (purpose: string | null) => string): string {
  if (control.action === 'WITHDRAW_PURPOSE') return title(control.purpose);
  return control.action === 'DISLIKE_CATEGORY' ? (control.target ?? '') : '';
}

function WithdrawConfirmation(props: { title: string; data: string[]; onConfirm: () => void; onCancel: () => void }) {
  const t = useStrings();
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => confirm.current?.focus(), []);
  return (
    <div className="confirm" role="group" aria-label={t.recommendations.confirmWithdrawLabel(props.title)}>
      <p>
        <Rich text={t.recommendations.confirmWithdraw(props.title, t.words.list(props.data))} />
      </p>
      <p className="message-actions">
        <button ref={confirm} type="button" className="danger-button" onClick={props.onConfirm}>
          {t.recommendations.withdrawConfirm}
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
          {t.recommendations.cancel}
        </button>
      </p>
    </div>
  );
}
