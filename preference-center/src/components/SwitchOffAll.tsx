import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { SET_CONSENTS } from '../api/operations.js';
import type { Consent, PurposeInfo } from '../api/types.js';
import { InlineFeedback, type ActionFeedback } from './Feedback.js';
import { useStrings } from '../i18n/locale.js';
import { Rich } from '../i18n/Rich.js';

const TARGET = 'switch-off-all';

/** One action to switch off every optional use, naming what it deletes and asking first. */
export function SwitchOffAll(props: { purposes: PurposeInfo[]; consents: Map<string, Consent>; onDone: () => void }) {
  const t = useStrings();
  const [, setConsents] = useMutation(SET_CONSENTS);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<ActionFeedback | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirm.current?.focus();
  }, [confirming]);
  const on = props.purposes.filter((p) => !p.alwaysOn && props.consents.get(p.id)?.granted);
  const data = [...new Set(on.flatMap((p) => p.notice.dataCategories))];

  const switchOff = async () => {
    setBusy(true);
    const outcome = await setConsents({ changes: on.map((p) => ({ purpose: p.id, granted: false })), idempotencyKey: crypto.randomUUID() });
    setBusy(false);
    setConfirming(false);
    setFeedback(
      outcome.error
        ? { target: TARGET, error: outcome.error }
        : { target: TARGET, text: t.switchOffAll.done(t.words.list(on.map((p) => p.notice.title))) },
    );
    opener.current?.focus();
    if (!outcome.error) props.onDone();
  };

  return (
    <section className="card" aria-labelledby="switch-off-all-title">
      <h2 id="switch-off-all-title">{t.switchOffAll.heading}</h2>
      <p>{on.length === 0 ? t.switchOffAll.nothingOn : t.switchOffAll.onNow(t.words.list(on.map((p) => p.notice.title)))}</p>
      <button
        ref={opener}
        type="button"
        className="secondary"
        aria-disabled={on.length === 0 || busy}
        aria-expanded={confirming}
        onClick={() => on.length > 0 && !busy && setConfirming(!confirming)}
      >
        {t.switchOffAll.button}
      </button>
      {confirming && (
        <div className="confirm" role="group" aria-label={t.switchOffAll.confirmLabel}>
          <p>
            <Rich text={t.switchOffAll.confirmText(on.length, t.words.list(data))} />
          </p>
          <p className="message-actions">
            <button ref={confirm} type="button" className="danger-button" aria-disabled={busy} onClick={() => !busy && void switchOff()}>
              {busy ? t.switchOffAll.busy : t.switchOffAll.confirm}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setConfirming(false);
                opener.current?.focus();
              }}
            >
              {t.switchOffAll.cancel}
            </button>
          </p>
        </div>
      )}
      <InlineFeedback feedback={feedback} target={TARGET} />
    </section>
  );
}
