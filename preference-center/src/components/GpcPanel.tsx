import type { CombinedError } from 'urql';
import type { Consent, GpcStatus } from '../api/types.js';
import { usePurposeTitles } from '../api/use-purpose-titles.js';
import { formatDateTime } from '../lib/format.js';
import { ErrorMessage } from './Feedback.js';

/**
 * Global Privacy Control, told truthfully: whether this browser sends the signal now, whether a
 * signal is on record (and since when), and which uses the customer chose despite it.
 */
export function GpcPanel(props: { gpc: GpcStatus | null; error: CombinedError | undefined; loaded: boolean; consents: Map<string, Consent> }) {
  const { gpc } = props;
  const title = usePurposeTitles();
  const covered = gpc?.deniedPurposes ?? [];
  const chosen = covered.filter((p) => props.consents.get(p)?.granted);
  const kept = covered.filter((p) => !props.consents.get(p)?.granted);
  return (
    <section className="card" aria-labelledby="gpc-title" data-gpc-sent-now={gpc?.sentNow ?? false} data-gpc-on-record={gpc?.honored ?? false}>
      <h2 id="gpc-title">Global Privacy Control</h2>
      <ErrorMessage error={props.error} />
      {props.loaded && (
        <ul className="gpc-facts">
          <li>
            {gpc?.sentNow
              ? 'This browser sends the Global Privacy Control signal now.'
              : 'This browser does not send the Global Privacy Control signal right now.'}
          </li>
          <li>
            {gpc?.honored
              ? `A Global Privacy Control signal is on record for your account since ${formatDateTime(gpc.since)}. We honor it: sharing and marketing stay off unless you choose them yourself.`
              : 'We have no Global Privacy Control signal on record for you. If a browser of yours sends one, we switch off sharing and marketing uses.'}
          </li>
          {kept.length > 0 && <li>Off because of the signal (unless you choose otherwise): {kept.map(title).join(', ')}.</li>}
          {chosen.map((p) => (
            <li key={p}>
              You chose “{title(p)}” despite Global Privacy Control, on {formatDateTime(props.consents.get(p)?.decidedAt)}. Switch it off above
              whenever you like.
            </li>
          ))}
        </ul>
      )}
      {gpc && gpc.conflicts.length > 0 && (
        <>
          <h3>Where the signal met a choice of yours</h3>
          <ul>
            {gpc.conflicts.map((c) => (
              <li key={`${c.purpose}-${c.detectedAt}-${c.resolution}`}>
                <strong>{title(c.purpose)}</strong> ({formatDateTime(c.detectedAt)}): {c.explanation}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
