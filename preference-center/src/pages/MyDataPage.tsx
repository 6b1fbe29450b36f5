import { useState } from 'react';
import { useMutation } from 'urql';
import { announceErasure, currentSession, endSession } from '../auth/session.js';
import { ERASE_CONFIRMATION, ERASE_ME } from '../api/operations.js';
import { useDataExport, type ExportFormat } from '../api/use-data-export.js';
import { ErrorMessage, StatusMessage } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import type { Notice } from './SignInPage.js';

const FORMATS: { format: ExportFormat; label: string; done: string }[] = [
  { format: 'readable', label: 'Download a readable copy (web page)', done: 'Your readable copy was downloaded.' },
  { format: 'csv', label: 'Download as a spreadsheet (CSV)', done: 'Your spreadsheet was downloaded.' },
  { format: 'json', label: 'Download the complete record (JSON)', done: 'Your complete record was downloaded.' },
];

/** Download everything we hold about you, or erase it. */
export function MyDataPage({ onErased }: { onErased: (notice: Notice) => void }) {
  const exporter = useDataExport();
  const [status, setStatus] = useState<string | null>(null);
  const run = async (format: ExportFormat, done: string) => {
    setStatus(null);
    if (await exporter.download(format)) setStatus(done);
  };
  return (
    <>
      <PageHeading title="Your data">Get a copy of everything we hold about you, or have all of it erased.</PageHeading>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">Download your data</h2>
        <p>
          Everything we hold about you, in four parts: what you told us, what you did, what we showed you, and your consents. The readable copy and
          the spreadsheet name products and uses in words; the complete record (JSON) has every field, for other services.
        </p>
        <p className="message-actions">
          {FORMATS.map((f) => (
            <button key={f.format} type="button" aria-disabled={exporter.busy !== null} onClick={() => exporter.busy || void run(f.format, f.done)}>
              {exporter.busy === f.format ? 'Preparing your file…' : f.label}
            </button>
          ))}
        </p>
        <ErrorMessage error={exporter.error} />
        <StatusMessage text={status} />
      </section>
      <section className="card danger" aria-labelledby="erase-title">
        <h2 id="erase-title">Erase your data</h2>
        <p>
          This removes your preferences, activity, recommendations and consent details from every part of our service and from our models. We keep
          only an anonymous record that an erasure happened. It cannot be undone, and you will be signed out.
        </p>
        <p>
          <strong>Download your data first</strong> if you want to keep a copy: afterwards there is nothing left to download.{' '}
          <button type="button" className="secondary" onClick={() => void run('readable', 'Your readable copy was downloaded.')}>
            Download my data first
          </button>
        </p>
        <EraseForm onErased={onErased} />
      </section>
    </>
  );
}

function EraseForm({ onErased }: { onErased: (notice: Notice) => void }) {
  const [typed, setTyped] = useState('');
  const [{ fetching, error }, erase] = useMutation(ERASE_ME);
  const confirmed = typed.trim() === ERASE_CONFIRMATION;
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        if (!confirmed) return;
        const result = await erase({ confirm: ERASE_CONFIRMATION });
        const receipt = (result.data as { eraseMe?: { receiptId: string; complete: boolean; pending: string[]; message: string } } | undefined)
          ?.eraseMe;
        if (!receipt) return;
        const who = currentSession()?.customerId ?? 'your account';
        const erasedAt = new Date().toISOString();
        announceErasure(who);
        endSession();
        onErased({
          text: `${receipt.message} (${who}, erasure receipt ${receipt.receiptId}). You have been signed out.`,
          download: {
            label: 'Download the erasure receipt',
            filename: `erasure-receipt-${receipt.receiptId}.json`,
            content: { kind: 'erasure receipt', customerId: who, erasedAt, ...receipt },
          },
        });
      }}
    >
      <div className="field">
        <label htmlFor="erase-confirm">
          To confirm, type <strong>{ERASE_CONFIRMATION}</strong>
        </label>
        <input id="erase-confirm" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} aria-describedby="erase-hint" />
        <small id="erase-hint">The button works once the words match.</small>
      </div>
      <button type="submit" className="danger-button" disabled={!confirmed || fetching}>
        {fetching ? 'Erasing…' : 'Erase all my data'}
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}
