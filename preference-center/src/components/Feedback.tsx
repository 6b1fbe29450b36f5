import type { CombinedError } from 'urql';
import { humanMessage } from '../api/errors.js';

/** Loading, error and success messages, announced to screen readers. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ error, children }: { error: CombinedError | Error | string | null | undefined; children?: React.ReactNode }) {
  if (!error) return null;
  return (
    <div className="message message-error" role="alert">
      <p>{typeof error === 'string' ? error : humanMessage(error)}</p>
      {children}
    </div>
  );
}

export function StatusMessage({ text }: { text: string | null }) {
  return (
    <p className="message message-status" role="status" aria-live="polite" hidden={!text}>
      {text}
    </p>
  );
}
