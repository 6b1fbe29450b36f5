import { useState } from 'react';
import { useClient, useMutation } from 'urql';
import { endSession, currentSession } from '../auth/session.js';
import { DATA_EXPORT, ERASE_CONFIRMATION, ERASE_ME, LEDGER_PROOF, LEDGER_TOMBSTONE } from '../api/operations.js';
import { ErrorMessage, StatusMessage } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { downloadJson } from '../lib/download.js';
import { verifyInBrowser, type PublicKey, type SignatureCheck, type SignedDocument } from '../lib/receipt-signature.js';

type SignedProof = SignedDocument & { algorithm: string; keyId: string };

/** Download everything we hold about you, or erase it. */
export function MyDataPage({ onErased }: { onErased: (message: string) => void }) {
  return (
    <>
      <PageHeading title="Your data">Get a copy of everything we hold about you, or have all of it erased.</PageHeading>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">Download your data</h2>
        <p>One JSON file with your consent decisions and receipts, your preferences, your activity with us and the recommendations we showed you.</p>
        <ExportButton />
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

function ExportButton() {
  const client = useClient();
  return (
    <DownloadButton
      label="Download my data (JSON)"
      busyLabel="Preparing your file…"
      run={async () => {
        const result = await client.query(DATA_EXPORT, {}, { requestPolicy: 'network-only' }).toPromise();
        const exported = (result.data as { me: { id: string; dataExport: string } | null } | undefined)?.me;
        if (result.error || !exported) return { error: result.error ?? 'Please sign in again to download your data.' };
        downloadJson(`my-data-${exported.id}.json`, exported.dataExport);
        return { status: 'Your data was downloaded.' };
      }}
    />
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

function EraseForm({ onErased }: { onErased: (message: string) => void }) {
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
        const receipt = (result.data as { eraseMe?: { receiptId: string; message: string } } | undefined)?.eraseMe;
        if (!receipt) return;
        const who = currentSession()?.customerId ?? 'your account';
        const proof = withProof ? await tombstoneProof() : null;
        endSession();
        const proofNote = proof ? ` The signed proof of the erasure was downloaded (${proof}).` : '';
        onErased(`${receipt.message} (${who}, erasure receipt ${receipt.receiptId}).${proofNote} You have been signed out.`);
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
