import { useState } from 'react';
import { staffRequest, useStaffQuery } from './api.js';
import { day } from './format.js';

const LOG = '{ overrideLog(first: 200) { id kind itemId surface reasonCategory justification endsAt endedAt } }';
const END = 'mutation StaffEndOverride($id: ID!) { endOverride(id: $id) { id endedAt } }';

interface Logged {
  id: string;
  kind: string;
  itemId: string;
  surface: string | null;
  reasonCategory: string;
  justification: string;
  endsAt: string;
  endedAt: string | null;
}

/** Overrides still running, each with a button that ends it now (it stays in the log). */
export function RunningOverrides({ changes, onEnded }: { changes: number; onEnded: () => void }) {
  const log = useStaffQuery<{ overrideLog: Logged[] }>(LOG, { changes });
  const [message, setMessage] = useState('');
  const now = new Date().toISOString();
  const running = (log.data?.overrideLog ?? []).filter((o) => !o.endedAt && o.endsAt > now);
  const end = async (o: Logged) => {
    try {
      await staffRequest(END, { id: o.id });
      setMessage(`Ended the ${o.kind.toLowerCase()} of ${o.itemId}; it stays in the override log.`);
      onEnded();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <>
      <h3>Running now</h3>
      {running.length === 0 ? (
        <p>No override is running now.</p>
      ) : (
        <ul className="running-overrides" data-testid="running-overrides">
          {running.map((o) => (
            <li key={o.id} data-override-id={o.id}>
              {o.kind} {o.itemId} on {o.surface ?? 'every surface'} ({o.reasonCategory}, until {day(o.endsAt)}): “{o.justification}”{' '}
              <button type="button" className="secondary" onClick={() => void end(o)}>
                End {o.kind.toLowerCase()} of {o.itemId}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p role="status">{message}</p>
    </>
  );
}
