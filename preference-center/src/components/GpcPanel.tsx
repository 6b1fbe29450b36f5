import { useEffect } from 'react';
import { useQuery } from 'urql';
import { GPC_STATUS } from '../api/operations.js';
import type { GpcStatus } from '../api/types.js';
import { formatDateTime, purposeName } from '../lib/format.js';
import { ErrorMessage } from './Feedback.js';

/** Global Privacy Control: whether the browser's signal is on record, and where it met an earlier choice. */
export function GpcPanel({ refreshKey }: { refreshKey: number }) {
  const [result, refetch] = useQuery<{ me: { id: string; gpc: GpcStatus | null } | null }>({ query: GPC_STATUS });
  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);
  const gpc = result.data?.me?.gpc;
  return (
    <section className="card" aria-labelledby="gpc-title">
      <h2 id="gpc-title">Global Privacy Control</h2>
      <ErrorMessage error={result.error} />
      {result.data &&
        (gpc?.honored ? (
          <p>
            Your browser sends the Global Privacy Control signal{gpc.since ? ` (first seen ${formatDateTime(gpc.since)})` : ''}. We honor it: we do
            not share your data with partners or use it for marketing ({gpc.deniedPurposes.map(purposeName).join(', ')}).
          </p>
        ) : (
          <p>
            We have not received a Global Privacy Control signal from your browser. If your browser sends one, we stop sharing and marketing uses.
          </p>
        ))}
      {gpc && gpc.conflicts.length > 0 && (
        <>
          <h3>Where the signal met an earlier choice</h3>
          <ul>
            {gpc.conflicts.map((c) => (
              <li key={`${c.purpose}-${c.detectedAt}`}>
                <strong>{purposeName(c.purpose)}</strong> ({formatDateTime(c.detectedAt)}): {c.explanation}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
