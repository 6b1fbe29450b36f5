import { useState, type FormEvent } from 'react';
import { staffRequest } from './api.js';

const CREATE = 'mutation StaffCreateOverride($input: OverrideInput!) { createOverride(input: $input) { id itemId } }';
const REASONS = [
  ['NOVEL_PRODUCT', 'A new product'],
  ['NEW_MARKET', 'A range in a new market'],
  ['ETHICAL', 'An ethical choice'],
  ['COMMERCIAL', 'Paid or commercial'],
] as const;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);

/** Pins or boosts an item; the justification is required and kept in the override log. */
export function OverrideForm({ onCreated }: { onCreated: () => void }) {
  const [kind, setKind] = useState<'PIN' | 'BOOST'>('PIN');
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    const input = {
      kind,
      itemId: value('itemId'),
      surface: value('surface') || null,
      position: kind === 'PIN' ? Number(value('position')) : null,
      boost: kind === 'BOOST' ? Number(value('boost')) : null,
      reasonCategory: value('reasonCategory'),
      justification: value('justification'),
      startsAt: new Date(value('startsAt')).toISOString(),
      endsAt: new Date(value('endsAt')).toISOString(),
    };
    try {
      const { createOverride } = await staffRequest<{ createOverride: { id: string; itemId: string } }>(CREATE, { input });
      setMessage({
        text: `Created: ${kind.toLowerCase()} of ${createOverride.itemId}. It is disclosed as promoted wherever it is shown.`,
        error: false,
      });
      onCreated();
    } catch (e) {
      setMessage({ text: (e as Error).message, error: true });
    }
  };
  return (
    <form className="card override-form" onSubmit={(e) => void submit(e)} aria-labelledby="new-override">
      <h3 id="new-override">New override</h3>
      <fieldset>
        <legend>Kind</legend>
        <label>
          <input type="radio" name="kind" checked={kind === 'PIN'} onChange={() => setKind('PIN')} /> Pin at a position
        </label>
        <label>
          <input type="radio" name="kind" checked={kind === 'BOOST'} onChange={() => setKind('BOOST')} /> Boost its score
        </label>
      </fieldset>
      <label>
        Item id <input name="itemId" required maxLength={64} />
      </label>
      <label>
        Surface
        <select name="surface" defaultValue="">
          <option value="">Every surface</option>
          <option value="HOME">Home</option>
          <option value="PRODUCT_PAGE">Product page</option>
          <option value="EMAIL">Email</option>
        </select>
      </label>
      {kind === 'PIN' ? (
        <label>
          Position (1–50) <input name="position" type="number" min={1} max={50} defaultValue={1} required />
        </label>
      ) : (
        <label>
          Boost (above 0, at most 5) <input name="boost" type="number" min={0.1} max={5} step={0.1} defaultValue={1} required />
        </label>
      )}
      <label>
        Reason
        <select name="reasonCategory" defaultValue="NOVEL_PRODUCT">
          {REASONS.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Justification (10 to 1000 characters, kept in the override log)
        <textarea name="justification" rows={3} />
      </label>
      <label>
        Starts <input name="startsAt" type="datetime-local" defaultValue={inDays(0)} required />
      </label>
      <label>
        Ends <input name="endsAt" type="datetime-local" defaultValue={inDays(7)} required />
      </label>
      <button type="submit">Create override</button>
      {message && (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'danger' : undefined}>
          {message.text}
        </p>
      )}
    </form>
  );
}
