import { useState } from 'react';
import { useClient, useMutation } from 'urql';
import { announceErasure, currentSession, endSession } from '../auth/session.js';
import { ERASE_CONFIRMATION, ERASE_ME, LEDGER_PROOF, LEDGER_TOMBSTONE } from '../api/operations.js';
import { useDataExport, type ExportFormat } from '../api/use-data-export.js';
import { ErrorMessage, StatusMessage } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { downloadJson } from '../lib/download.js';
import { verifyInBrowser, type PublicKey, type SignatureCheck, type SignedDocument } from '../lib/receipt-signature.js';
import type { Notice } from './SignInPage.js';

type SignedProof = SignedDocument & { algorithm: string; keyId: string };

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
      <section className="card" aria-labelledby="ledger-title">
        <h2 id="ledger-title">Your consent ledger</h2>
        <p>
          Every consent decision you made, as a signed hash chain: anyone can check offline that none was changed, left out or added, with
          <code> npx tsx scripts/verify-receipt.ts</code> or any Ed25519 and SHA-256 tool.
        </p>
        <LedgerButton />
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

type Outcome = { status: string } | { error: NonNullable<Parameters<typeof ErrorMessage>[0]['error']> };

/** A button that prepares a download, saying while it works and what came of it. */
function DownloadButton({ label, busyLabel, run }: { label: string; busyLabel: string; run: () => Promise<Outcome> }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setOutcome(null);
          setOutcome(await run());
          setBusy(false);
        }}
      >
        {busy ? busyLabel : label}
      </button>
      <ErrorMessage error={outcome && 'error' in outcome ? outcome.error : null} />
      <StatusMessage text={outcome && 'status' in outcome ? outcome.status : null} />
    </>
  );
}

const LEDGER_WORDS: Record<SignatureCheck, string> = {
  verified: 'Your ledger was downloaded. Its signature and every link in the chain verify here in your browser.',
  unsupported: 'Your ledger was downloaded. Your browser cannot check the signature itself; the offline script can.',
  invalid: 'Your ledger was downloaded, but it does not verify. Please contact us.',
};

/** Downloads the signed chain after checking it here, in the browser. */
function LedgerButton() {
  const client = useClient();
  return (
    <DownloadButton
      label="Download my consent ledger (signed chain)"
      busyLabel="Preparing your ledger…"
      run={async () => {
        const result = await client.query(LEDGER_PROOF, {}, { requestPolicy: 'network-only' }).toPromise();
        const data = result.data as { me: { id: string; ledgerProof: SignedProof } | null; receiptPublicKeys: PublicKey[] } | undefined;
        if (result.error || !data?.me) return { error: result.error ?? 'Please sign in again to download your ledger.' };
        const check = await verifyInBrowser(data.me.ledgerProof, data.receiptPublicKeys);
        downloadJson(`consent-ledger-${data.me.id}.json`, data.me.ledgerProof);
        return { status: LEDGER_WORDS[check] };
      }}
    />
  );
}

function EraseForm({ onErased }: { onErased: (notice: Notice) => void }) {
  const client = useClient();
  const [typed, setTyped] = useState('');
  const [withProof, setWithProof] = useState(true);
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
        const proof = withProof ? await tombstoneProof() : null;
        const erasedAt = new Date().toISOString();
        announceErasure(who);
        endSession();
        const proofNote = proof ? ` The signed proof of the erasure was downloaded (${proof}).` : '';
        onErased({
          text: `${receipt.message} (${who}, erasure receipt ${receipt.receiptId}).${proofNote} You have been signed out.`,
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
      <div className="field">
        <label>
          <input type="checkbox" checked={withProof} onChange={(e) => setWithProof(e.target.checked)} /> Download a signed proof of the erasure (an
          anonymous tombstone of your ledger)
        </label>
      </div>
      <button type="submit" className="danger-button" disabled={!confirmed || fetching}>
        {fetching ? 'Erasing…' : 'Erase all my data'}
      </button>
      <ErrorMessage error={error} />
    </form>
  );

  /** With the session that erased: the tombstone, checked here and downloaded. Returns the file name, or null. */
  async function tombstoneProof(): Promise<string | null> {
    const result = await client.query(LEDGER_TOMBSTONE, {}, { requestPolicy: 'network-only' }).toPromise();
    const data = result.data as { ledgerTombstone: SignedProof | null; receiptPublicKeys: PublicKey[] } | undefined;
    if (!data?.ledgerTombstone || (await verifyInBrowser(data.ledgerTombstone, data.receiptPublicKeys)) === 'invalid') return null;
    const filename = 'consent-ledger-erasure-proof.json';
    downloadJson(filename, data.ledgerTombstone);
    return filename;
  }
}
