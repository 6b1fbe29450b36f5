import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { RECEIPTS, RECEIPTS_DPV } from '../api/operations.js';
import type { ConsentReceipt, ReceiptPublicKey } from '../api/types.js';
import { downloadJson } from '../lib/download.js';
import { usePurposeTitles } from '../api/use-purpose-titles.js';
import { statusWords } from '../lib/format.js';
import { useStrings, type Strings } from '../i18n/locale.js';
import { Rich } from '../i18n/Rich.js';
import { verifyInBrowser, type SignatureCheck, type SignedDocument } from '../lib/receipt-signature.js';
import { ErrorMessage, Loading } from './Feedback.js';

/** Where the gateway publishes the receipt key (an address, the same in every language). */
const RECEIPT_KEY_URL = '/.well-known/consent-receipt-key';

interface ReceiptsData {
  me: { id: string; receipts: ConsentReceipt[] } | null;
  receiptPublicKey: ReceiptPublicKey;
  /** Every key that ever signed a receipt: each receipt is checked with the one it names. */
  receiptPublicKeys: ReceiptPublicKey[];
}

/** Signed receipts for every decision, each downloadable as JSON and checked against the published key. */
export function ReceiptsPanel({ refreshKey }: { refreshKey: number }) {
  const t = useStrings();
  return (
    <section className="card" aria-labelledby="receipts-title">
      <h2 id="receipts-title">{t.receipts.heading}</h2>
      <p>{t.receipts.intro}</p>
      <ReceiptList refreshKey={refreshKey} />
    </section>
  );
}

function ReceiptList({ refreshKey }: { refreshKey: number }) {
  const t = useStrings();
  const [result, refetch] = useQuery<ReceiptsData>({ query: RECEIPTS });
  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);
  if (result.fetching && !result.data) return <Loading text={t.receipts.loading} />;
  if (result.error) return <ErrorMessage error={result.error} />;
  const receipts = [...(result.data?.me?.receipts ?? [])].reverse();
  const key = result.data?.receiptPublicKey;
  if (!key) return null;
  return (
    <>
      {receipts.length === 0 && <p>{t.receipts.empty}</p>}
      <ul className="receipts">
        {receipts.map((r) => (
          <ReceiptRow
            key={r.receiptId}
            receipt={r}
            publicKey={result.data?.receiptPublicKeys.find((k) => k.keyId === r.keyId) ?? key}
            keys={result.data?.receiptPublicKeys ?? [key]}
          />
        ))}
      </ul>
      <details>
        <summary>{t.receipts.checkYourself}</summary>
        <p>
          <Rich text={t.receipts.signedWith(key.algorithm, key.keyId)} /> <a href={RECEIPT_KEY_URL}>{RECEIPT_KEY_URL}</a>.
        </p>
        <p>
          <Rich text={t.receipts.dpvForm} />
        </p>
        <pre className="key">{key.publicKeyPem}</pre>
        <p>
          <Rich text={t.receipts.openssl} />
        </p>
      </details>
    </>
  );
}

const checkWords = (t: Strings, check: SignatureCheck | 'checking') => t.receipts[check];

function ReceiptRow({ receipt, publicKey, keys }: { receipt: ConsentReceipt; publicKey: ReceiptPublicKey; keys: ReceiptPublicKey[] }) {
  const client = useClient();
  const [check, setCheck] = useState<SignatureCheck | 'checking'>('checking');
  const [dpvCheck, setDpvCheck] = useState<SignatureCheck | 'checking' | null>(null);
  const [dpvError, setDpvError] = useState<Parameters<typeof ErrorMessage>[0]['error']>(null);
  useEffect(() => {
    verifyInBrowser(receipt, keys).then(setCheck);
  }, [receipt, keys]);
  const title = usePurposeTitles();
  const t = useStrings();
  const removed = receipt.dataRemoval?.removed ?? [];
  const pending = receipt.dataRemoval?.pending ?? [];
  const when = t.formatDateTime(receipt.issuedAt);

  async function downloadDpv() {
    setDpvError(null);
    setDpvCheck('checking');
    const result = await client.query(RECEIPTS_DPV, {}).toPromise();
    const forms = (result.data as { me: { receipts: (SignedDocument & { receiptId: string; keyId: string })[] } | null } | undefined)?.me?.receipts;
    const form = forms?.find((r) => r.receiptId === receipt.receiptId);
    if (result.error || !form) {
      setDpvCheck(null);
      return setDpvError(result.error ?? t.receipts.dpvUnavailable);
    }
    setDpvCheck(await verifyInBrowser(form, keys));
    downloadJson(`consent-record-${receipt.receiptId}-dpv-27560.json`, {
      record: JSON.parse(form.document) as unknown,
      document: form.document,
      signature: form.signature,
      algorithm: 'Ed25519',
      canonicalization: 'JCS (RFC 8785)',
      keyId: form.keyId,
      publicKeyPem: keys.find((k) => k.keyId === form.keyId)?.publicKeyPem ?? publicKey.publicKeyPem,
    });
  }

  return (
    <li className="receipt" data-receipt-id={receipt.receiptId}>
      <p>
        <strong>{when}</strong> — {decisionsOf(t, receipt, title) || t.receipts.yourAccount}
      </p>
      {receipt.followUpOf && <p>{t.receipts.followUp}</p>}
      {removed.length > 0 && <p>{t.receipts.deleted(t.words.list(removed.map((d) => `${t.formatNumber(d.count)} × ${d.category}`)))}</p>}
      {pending.length > 0 && <p>{t.receipts.pending(pending.length)}</p>}
      <p className={`signature signature-${check}`} data-signature={check}>
        {checkWords(t, check)}
      </p>
      <button
        type="button"
        onClick={() =>
          downloadJson(`consent-receipt-${receipt.receiptId}.json`, {
            receipt: JSON.parse(receipt.document) as unknown,
            document: receipt.document,
            signature: receipt.signature,
            algorithm: receipt.algorithm,
            keyId: receipt.keyId,
            publicKeyPem: publicKey.publicKeyPem,
          })
        }
      >
        {t.receipts.download}
        <span className="visually-hidden">{t.receipts.fromWhen(when)}</span>
      </button>{' '}
      <button type="button" onClick={downloadDpv}>
        {t.receipts.downloadDpv}
        <span className="visually-hidden">{t.receipts.fromWhen(when)}</span>
      </button>
      {dpvCheck && (
        <p className={`signature signature-${dpvCheck}`} data-dpv-signature={dpvCheck}>
          {dpvCheck === 'verified' ? t.receipts.dpvVerified : checkWords(t, dpvCheck)}
        </p>
      )}
      <ErrorMessage error={dpvError} />
    </li>
  );
}

/** "Allowed: Analytics", "Switched off: Sharing with partners": what each decision on the receipt was. */
function decisionsOf(t: Strings, receipt: ConsentReceipt, title: (purpose: string) => string): string {
  let decided: { purposeId: string; status: string }[] = [];
  try {
    const document = JSON.parse(receipt.document) as { services?: { purposes?: typeof decided }[] };
    decided = document.services?.flatMap((s) => s.purposes ?? []) ?? [];
  } catch {
    // An unreadable document still lists its purposes below.
  }
  if (decided.length === 0) return t.words.list(receipt.purposes.map(title));
  return decided.map((d) => t.exportFile.decision(statusWords(t, d.status), title(d.purposeId))).join('; ');
}
