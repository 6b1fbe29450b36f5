import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { CONSENT_HISTORY } from '../api/operations.js';
import type { ConsentEvent } from '../api/types.js';
import { usePurposeTitles } from '../api/use-purpose-titles.js';
import { STATUS_WORDS, formatDateTime, methodWords } from '../lib/format.js';
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
      <h2 id="history-title">Your decisions so far</h2>
      <p>Every choice you made is kept in order and cannot be changed afterwards, so you and we can always check it.</p>
      {result.fetching && !page && <Loading what="your history" />}
      <ErrorMessage error={result.error} />
      {page && events.length === 0 && <p>You have not made any choices yet.</p>}
      {events.length > 0 && (
        <table className="stack-on-small">
          <caption className="visually-hidden">Consent decisions, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Purpose</th>
              <th scope="col">Decision</th>
              <th scope="col">Notice version</th>
              <th scope="col">How</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.decisionId}>
                <td data-label="When">{formatDateTime(e.occurredAt)}</td>
                <td data-label="Purpose">{title(e.purpose)}</td>
                <td data-label="Decision">{STATUS_WORDS[e.status]}</td>
                <td data-label="Notice version">{e.noticeVersion}</td>
                <td data-label="How">{methodWords(e.method)}</td>
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
          Show more decisions
        </button>
      )}
    </section>
  );
}
