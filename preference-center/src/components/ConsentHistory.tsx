import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { CONSENT_HISTORY } from '../api/operations.js';
import type { ConsentEvent } from '../api/types.js';
import { usePurposeTitles } from '../api/use-purpose-titles.js';
import { methodWords, statusWords } from '../lib/format.js';
import { useStrings } from '../i18n/locale.js';
import { ErrorMessage, Loading } from './Feedback.js';

interface HistoryData {
  me: { id: string; consentHistory: { events: ConsentEvent[]; endCursor: string | null; hasNextPage: boolean } } | null;
}

/** Every consent decision, newest page first loaded, from the append-only ledger. */
export function ConsentHistory({ refreshKey }: { refreshKey: number }) {
  const [after, setAfter] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<ConsentEvent[]>([]);
  const [result, refetch] = useQuery<HistoryData>({ query: CONSENT_HISTORY, variables: { after } });
  const title = usePurposeTitles();
  const t = useStrings();
  useEffect(() => {
    if (refreshKey === 0) return;
    setEarlier([]);
    setAfter(null);
    refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);

  const page = result.data?.me?.consentHistory;
  const events = [...earlier, ...(page?.events ?? [])];
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t.history.heading}</h2>
      <p>{t.history.intro}</p>
      {result.fetching && !page && <Loading text={t.history.loading} />}
      <ErrorMessage error={result.error} />
      {page && events.length === 0 && <p>{t.history.empty}</p>}
      {events.length > 0 && (
        <table className="stack-on-small">
          <caption className="visually-hidden">{t.history.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.history.when}</th>
              <th scope="col">{t.history.purpose}</th>
              <th scope="col">{t.history.decision}</th>
              <th scope="col">{t.history.noticeVersion}</th>
              <th scope="col">{t.history.how}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.decisionId}>
                <td data-label={t.history.when}>{t.formatDateTime(e.occurredAt)}</td>
                <td data-label={t.history.purpose}>{title(e.purpose)}</td>
                <td data-label={t.history.decision}>{statusWords(t, e.status)}</td>
                <td data-label={t.history.noticeVersion}>{e.noticeVersion}</td>
                <td data-label={t.history.how}>{methodWords(t, e.method)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page?.hasNextPage && (
        <button
          type="button"
          onClick={() => {
            setEarlier(events);
            setAfter(page.endCursor);
          }}
        >
          {t.history.more}
        </button>
      )}
    </section>
  );
}
