import type { CombinedError } from 'urql';
import type { Consent, GpcStatus } from '../api/types.js';
import { usePurposeTitles } from '../api/use-purpose-titles.js';
import { useStrings } from '../i18n/locale.js';
import { ErrorMessage } from './Feedback.js';

/**
 * Global Privacy Control, told truthfully: whether this browser sends the signal now, whether a
 * signal is on record (and since when), and which uses the customer chose despite it.
 */
export function GpcPanel(props: { gpc: GpcStatus | null; error: CombinedError | undefined; loaded: boolean; consents: Map<string, Consent> }) {
  const t = useStrings();
  const { gpc } = props;
  const title = usePurposeTitles();
  const covered = gpc?.deniedPurposes ?? [];
  const chosen = covered.filter((p) => props.consents.get(p)?.granted);
  const kept = covered.filter((p) => !props.consents.get(p)?.granted);
  return (
    <section className="card" aria-labelledby="gpc-title" data-gpc-sent-now={gpc?.sentNow ?? false} data-gpc-on-record={gpc?.honored ?? false}>
      <h2 id="gpc-title">{t.gpc.heading}</h2>
      <ErrorMessage error={props.error} />
      {props.loaded && (
        <ul className="gpc-facts">
          <li>{gpc?.sentNow ? t.gpc.sentNow : t.gpc.notSentNow}</li>
          <li>{gpc?.honored ? t.gpc.onRecord(t.formatDateTime(gpc.since)) : t.gpc.noRecord}</li>
          {kept.length > 0 && <li>{t.gpc.offBecause(t.words.list(kept.map(title)))}</li>}
          {chosen.map((p) => (
            <li key={p}>{t.gpc.chosenDespite(title(p), t.formatDateTime(props.consents.get(p)?.decidedAt))}</li>
          ))}
        </ul>
      )}
      {gpc && gpc.conflicts.length > 0 && (
        <>
          <h3>{t.gpc.conflictsHeading}</h3>
          <ul>
            {gpc.conflicts.map((c) => (
              <li key={`${c.purpose}-${c.detectedAt}-${c.resolution}`}>
                <strong>{title(c.purpose)}</strong> ({t.formatDateTime(c.detectedAt)}): {c.explanation}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
