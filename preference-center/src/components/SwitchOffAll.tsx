import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { SET_CONSENTS } from '../api/operations.js';
import type { Consent, PurposeInfo } from '../api/types.js';
import { InlineFeedback, type ActionFeedback } from './Feedback.js';

const TARGET = 'switch-off-all';

/** One action to switch off every optional use, naming what it deletes and asking first. */
export function SwitchOffAll(props: { purposes: PurposeInfo[]; consents: Map<string, Consent>; onDone: () => void }) {
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
        : { target: TARGET, text: `Switched off: ${on.map((p) => p.notice.title).join(', ')}. Only what runs your account stays on.` },
    );
    opener.current?.focus();
    if (!outcome.error) props.onDone();
  };

  return (
    <section className="card" aria-labelledby="switch-off-all-title">
      <h2 id="switch-off-all-title">Switch off everything optional</h2>
      <p>
        {on.length === 0
          ? 'Nothing optional is on: we use your data only to run your account.'
          : `On now: ${on.map((p) => p.notice.title).join(', ')}.`}
      </p>
      <button
        ref={opener}
        type="button"
        className="secondary"
        aria-disabled={on.length === 0 || busy}
        aria-expanded={confirming}
        onClick={() => on.length > 0 && !busy && setConfirming(!confirming)}
      >
        Switch off all optional uses
      </button>
      {confirming && (
        <div className="confirm" role="group" aria-label="Confirm: switch off all optional uses">
          <p>
            This switches off {on.length} use{on.length === 1 ? '' : 's'} and <strong>deletes for good</strong> the data we keep only for them
            {data.length > 0 ? `: ${data.join(', ')}` : ''}. You can switch each on again later, but the deleted data does not come back.
          </p>
          <p className="message-actions">
            <button ref={confirm} type="button" className="danger-button" aria-disabled={busy} onClick={() => !busy && void switchOff()}>
              {busy ? 'Switching off…' : 'Switch all off and delete'}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setConfirming(false);
                opener.current?.focus();
              }}
            >
              Cancel
            </button>
          </p>
        </div>
      )}
      <InlineFeedback feedback={feedback} target={TARGET} />
    </section>
  );
}
