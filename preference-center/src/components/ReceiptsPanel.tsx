import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { RECEIPTS, RECEIPTS_DPV } from '../api/operations.js';
import type { ConsentReceipt, ReceiptPublicKey } from '../api/types.js';
import { downloadJson } from '../lib/download.js';
import { usePurposeTitles } from '../api/use-purpose-titles.js';
import { STATUS_WORDS, formatDateTime } from '../lib/format.js';
import { verifyInBrowser, type SignatureCheck, type SignedDocument } from '../lib/receipt-signature.js';
import { ErrorMessage, Loading } from './Feedback.js';

interface ReceiptsData {
  me: { id: string; receipts: ConsentReceipt[] } | null;
  receiptPublicKey: ReceiptPublicKey;
  /** Every key that ever signed a receipt: each receipt is checked with the one it names. */
  receiptPublicKeys: ReceiptPublicKey[];
}

/** Signed receipts for every decision, each downloadable as JSON and checked against the published key. */
export function ReceiptsPanel({ refreshKey }: { refreshKey: number }) {
  return (
    <section className="card" aria-labelledby="receipts-title">
      <h2 id="receipts-title">Receipts</h2>
      <p>Each decision comes with a receipt we sign, so you can prove later what you agreed to, even without us.</p>
      <ReceiptList refreshKey={refreshKey} />
    </section>
  );
}

function ReceiptList({ refreshKey }: { refreshKey: number }) {
  const [result, refetch] = useQuery<ReceiptsData>({ query: RECEIPTS });
  useEffect(() => {
    if (refreshKey > 0) refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);
  if (result.fetching && !result.data) return <Loading what="receipts" />;
  if (result.error) return <ErrorMessage error={result.error} />;
  const receipts = [...(result.data?.me?.receipts ?? [])].reverse();
  const key = result.data?.receiptPublicKey;
  if (!key) return null;
  return (
    <>
      {receipts.length === 0 && <p>No receipts yet: you get one with your first decision.</p>}
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
        <summary>Check a receipt yourself</summary>
        <p>
          Receipts are signed with {key.algorithm} (key <code>{key.keyId}</code>). The signature covers the <code>document</code> text exactly as
          downloaded. The public key is also published at <a href="/.well-known/consent-receipt-key">/.well-known/consent-receipt-key</a>.
        </p>
        <p>
          Each receipt also comes as an ISO/IEC TS 27560 consent record (W3C DPV JSON-LD). Its signature covers the record&apos;s canonical JSON form
          (JCS, RFC 8785), so it still verifies if a tool re-orders its fields. <code>npx tsx scripts/verify-receipt.ts receipt.json key.json</code>{' '}
          checks either form, and your ledger download, offline.
        </p>
        <pre className="key">{key.publicKeyPem}</pre>
        <p>
          With OpenSSL: save the key as <code>key.pem</code>, the <code>document</code> as <code>receipt.txt</code> and the decoded signature as
          <code> signature.bin</code>, then run{' '}
          <code>openssl pkeyutl -verify -pubin -inkey key.pem -rawin -in receipt.txt -sigfile signature.bin</code>.
        </p>
      </details>
    </>
  );
}

const CHECK_WORDS: Record<SignatureCheck | 'checking', string> = {
  checking: 'Checking the signature…',
  verified: 'Signature verifies: this receipt is exactly as we issued it.',
  invalid: 'Signature does not verify: this receipt was changed after we issued it.',
  unsupported: 'Your browser cannot check this signature itself; see “Check a receipt yourself” below.',
};

function ReceiptRow({ receipt, publicKey, keys }: { receipt: ConsentReceipt; publicKey: ReceiptPublicKey; keys: ReceiptPublicKey[] }) {
  const client = useClient();
  const [check, setCheck] = useState<SignatureCheck | 'checking'>('checking');
  const [dpvCheck, setDpvCheck] = useState<SignatureCheck | 'checking' | null>(null);
  const [dpvError, setDpvError] = useState<Parameters<typeof ErrorMessage>[0]['error']>(null);
  useEffect(() => {
    verifyInBrowser(receipt, keys).then(setCheck);
  }, [receipt, keys]);
  const title = usePurposeTitles();
  const removed = receipt.dataRemoval?.removed ?? [];
  const pending = receipt.dataRemoval?.pending ?? [];
  const when = formatDateTime(receipt.issuedAt);

  async function downloadDpv() {
    setDpvError(null);
    setDpvCheck('checking');
    const result = await client.query(RECEIPTS_DPV, {}).toPromise();
    const forms = (result.data as { me: { receipts: (SignedDocument & { receiptId: string; keyId: string })[] } | null } | undefined)?.me?.receipts;
    const form = forms?.find((r) => r.receiptId === receipt.receiptId);
    if (result.error || !form) {
      setDpvCheck(null);
      return setDpvError(result.error ?? 'This receipt is not available in the ISO 27560 form yet. Please try again in a minute.');
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
        <strong>{when}</strong> — {decisionsOf(receipt, title) || 'your account'}
      </p>
      {receipt.followUpOf && <p>Follow-up: everything this decision asked us to delete is now deleted.</p>}
      {removed.length > 0 && <p>Deleted because of this decision: {removed.map((d) => `${d.count} × ${d.category}`).join(', ')}.</p>}
      {pending.length > 0 && (
        <p>
          Still being deleted in {pending.length} part{pending.length === 1 ? '' : 's'} of our service that did not answer in time. We keep trying,
          and you will get a follow-up receipt here when it is done.
        </p>
      )}
      <p className={`signature signature-${check}`} data-signature={check}>
        {CHECK_WORDS[check]}
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
        Download receipt (JSON)<span className="visually-hidden"> from {when}</span>
      </button>{' '}
      <button type="button" onClick={downloadDpv}>
        Download as ISO 27560 record (DPV JSON-LD)<span className="visually-hidden"> from {when}</span>
      </button>
      {dpvCheck && (
        <p className={`signature signature-${dpvCheck}`} data-dpv-signature={dpvCheck}>
          {dpvCheck === 'verified' ? 'The ISO 27560 record’s signature verifies too.' : CHECK_WORDS[dpvCheck]}
        </p>
      )}
      <ErrorMessage error={dpvError} />
    </li>
  );
}

/** "Allowed: Analytics", "Switched off: Sharing with partners": what each decision on the receipt was. */
function decisionsOf(receipt: ConsentReceipt, title: (purpose: string) => string): string {
  let decided: { purposeId: string; status: keyof typeof STATUS_WORDS }[] = [];
  try {
    const document = JSON.parse(receipt.document) as { services?: { purposes?: typeof decided }[] };
    decided = document.services?.flatMap((s) => s.purposes ?? []) ?? [];
  } catch {
    // An unreadable document still lists its purposes below.
  }
  if (decided.length === 0) return receipt.purposes.map(title).join(', ');
  return decided.map((d) => `${STATUS_WORDS[d.status] ?? d.status}: ${title(d.purposeId)}`).join('; ');
}
