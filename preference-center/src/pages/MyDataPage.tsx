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
import { useStrings } from '../i18n/locale.js';
import { Rich } from '../i18n/Rich.js';

type SignedProof = SignedDocument & { algorithm: string; keyId: string };

const FORMATS: ExportFormat[] = ['readable', 'csv', 'json'];

/** Download everything we hold about you, or erase it. */
export function MyDataPage({ onErased }: { onErased: (notice: Notice) => void }) {
  const t = useStrings();
  const exporter = useDataExport();
  const [status, setStatus] = useState<string | null>(null);
  const run = async (format: ExportFormat) => {
    setStatus(null);
    if (await exporter.download(format)) setStatus(t.myData.downloaded[format]);
  };
  return (
    <>
      <PageHeading title={t.myData.title}>{t.myData.lead}</PageHeading>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">{t.myData.exportHeading}</h2>
        <p>{t.myData.exportIntro}</p>
        <p className="message-actions">
          {FORMATS.map((format) => (
            <button key={format} type="button" aria-disabled={exporter.busy !== null} onClick={() => exporter.busy || void run(format)}>
              {exporter.busy === format ? t.myData.preparing : t.myData.formats[format]}
            </button>
          ))}
        </p>
        <ErrorMessage error={exporter.error} />
        <StatusMessage text={status} />
      </section>
      <section className="card" aria-labelledby="ledger-title">
        <h2 id="ledger-title">{t.myData.ledgerHeading}</h2>
        <p>
          <Rich text={t.myData.ledgerIntro} />
        </p>
        <LedgerButton />
      </section>
      <section className="card danger" aria-labelledby="erase-title">
        <h2 id="erase-title">{t.myData.eraseHeading}</h2>
        <p>{t.myData.eraseIntro}</p>
        <p>
          <Rich text={t.myData.downloadFirstText} />{' '}
          <button type="button" className="secondary" onClick={() => void run('readable')}>
            {t.myData.downloadFirst}
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

const LEDGER_WORDS = { verified: 'ledgerVerified', unsupported: 'ledgerUnsupported', invalid: 'ledgerInvalid' } as const satisfies Record<
  SignatureCheck,
  string
>;

/** Downloads the signed chain after checking it here, in the browser. */
function LedgerButton() {
  const t = useStrings();
  const client = useClient();
  return (
    <DownloadButton
      label={t.myData.ledgerDownload}
      busyLabel={t.myData.ledgerPreparing}
      run={async () => {
        const result = await client.query(LEDGER_PROOF, {}, { requestPolicy: 'network-only' }).toPromise();
        const data = result.data as { me: { id: string; ledgerProof: SignedProof } | null; receiptPublicKeys: PublicKey[] } | undefined;
        if (result.error || !data?.me) return { error: result.error ?? t.myData.ledgerSignInAgain };
        const check = await verifyInBrowser(data.me.ledgerProof, data.receiptPublicKeys);
        downloadJson(`consent-ledger-${data.me.id}.json`, data.me.ledgerProof);
        return { status: t.myData[LEDGER_WORDS[check]] };
      }}
    />
  );
}

function EraseForm({ onErased }: { onErased: (notice: Notice) => void }) {
  const t = useStrings();
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
        const who = currentSession()?.customerId ?? t.myData.yourAccount;
        const proof = withProof ? await tombstoneProof() : null;
        const erasedAt = new Date().toISOString();
        announceErasure(who);
        endSession();
        const proofNote = proof ? t.myData.proofNote(proof) : '';
        onErased({
          text: t.myData.erased(receipt.message, who, receipt.receiptId, proofNote),
          download: {
            label: t.myData.erasureReceipt,
            filename: `erasure-receipt-${receipt.receiptId}.json`,
            content: { kind: 'erasure receipt', customerId: who, erasedAt, ...receipt },
          },
        });
      }}
    >
      <div className="field">
        <label htmlFor="erase-confirm">
          {t.myData.confirmType} <strong>{ERASE_CONFIRMATION}</strong>
        </label>
        <input id="erase-confirm" value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} aria-describedby="erase-hint" />
        <small id="erase-hint">{t.myData.confirmHint}</small>
      </div>
      <div className="field">
        <label>
          <input type="checkbox" checked={withProof} onChange={(e) => setWithProof(e.target.checked)} /> {t.myData.withProof}
        </label>
      </div>
      <button type="submit" className="danger-button" disabled={!confirmed || fetching}>
        {fetching ? t.myData.erasing : t.myData.erase}
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
