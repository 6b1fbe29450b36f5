import { useEffect, useRef } from 'react';
import type { CombinedError } from 'urql';
import { humanMessage } from '../api/errors.js';
import { useStrings } from '../i18n/locale.js';

/** Loading, error and success messages, announced to screen readers. */
export function Loading({ text }: { text: string }) {
  return (
    <p className="loading" role="status">
      {text}
    </p>
  );
}

export type ShownError = CombinedError | Error | string | null | undefined;

export function ErrorMessage({ error, children }: { error: ShownError; children?: React.ReactNode }) {
  const t = useStrings();
  if (!error) return null;
  return (
    <div className="message message-error" role="alert">
      <p>{typeof error === 'string' ? error : humanMessage(error, t)}</p>
      {children}
    </div>
  );
}

export function StatusMessage({ text, children }: { text: string | null; children?: React.ReactNode }) {
  return (
    <div className="message message-status" role="status" aria-live="polite" hidden={!text}>
      <p>{text}</p>
      {text && children}
    </div>
  );
}

/** The outcome of one action, shown next to the control that caused it. */
export interface ActionFeedback {
  /** Which control it belongs to (a purpose, a preference id, an item id). */
  target: string;
  text?: string;
  error?: ShownError;
  /** What the customer can do next: undo, replace, allow anyway. */
  actions?: { label: string; run: () => void }[];
}

/** Feedback in place: an error or status right where the action happened, with its follow-up buttons. */
export function InlineFeedback({ feedback, target }: { feedback: ActionFeedback | null; target: string }) {
  if (!feedback || feedback.target !== target) return null;
  const actions = feedback.actions?.map((a) => (
    <button key={a.label} type="button" className="secondary" onClick={a.run}>
      {a.label}
    </button>
  ));
  return feedback.error ? (
    <ErrorMessage error={feedback.error}>{actions && <p className="message-actions">{actions}</p>}</ErrorMessage>
  ) : (
    <StatusMessage text={feedback.text ?? null}>{actions && <p className="message-actions">{actions}</p>}</StatusMessage>
  );
}

/** A message that stays in view at the bottom of the window (for actions whose control goes away). */
export function Toast({ feedback, onClose }: { feedback: ActionFeedback | null; onClose: () => void }) {
  const t = useStrings();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (feedback?.actions?.length) first.current?.focus();
  }, [feedback]);
  return (
    <div className="toast" role={feedback?.error ? 'alert' : 'status'} aria-live="polite" hidden={!feedback}>
      {feedback && (
        <>
          <p>{feedback.error ? (typeof feedback.error === 'string' ? feedback.error : humanMessage(feedback.error, t)) : feedback.text}</p>
          <p className="message-actions">
            {feedback.actions?.map((a, i) => (
              <button key={a.label} ref={i === 0 ? first : undefined} type="button" className="secondary" onClick={a.run}>
                {a.label}
              </button>
            ))}
            <button type="button" className="secondary" onClick={onClose}>
              {t.feedback.close}
              <span className="visually-hidden">{t.feedback.closeHint}</span>
            </button>
          </p>
        </>
      )}
    </div>
  );
}
