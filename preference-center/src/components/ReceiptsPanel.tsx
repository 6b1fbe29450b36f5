import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { RECEIPTS } from '../api/operations.js';
import type { ConsentReceipt, ReceiptPublicKey } from '../api/types.js';
import { downloadJson } from '../lib/download.js';
import { usePurposeTitles } from '../api/use-purpose-titles.js';
import { STATUS_WORDS, formatDateTime } from '../lib/format.js';
import { verifyReceiptSignature, type SignatureCheck } from '../lib/receipt-signature.js';
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
          <ReceiptRow key={r.receiptId} receipt={r} publicKey={result.data?.receiptPublicKeys.find((k) => k.keyId === r.keyId) ?? key} />
        ))}
      </ul>
      <details>
        <summary>Check a receipt yourself</summary>
        <p>
          Receipts are signed with {key.algorithm} (key <code>{key.keyId}</code>). The signature covers the <code>document</code> text exactly as
          downloaded. The public key is also published at <a href="/.well-known/consent-receipt-key">/.well-known/consent-receipt-key</a>.
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

function ReceiptRow({ receipt, publicKey }: { receipt: ConsentReceipt; publicKey: ReceiptPublicKey }) {
  const [check, setCheck] = useState<SignatureCheck | 'checking'>('checking');
  useEffect(() => {
    verifyReceiptSignature(receipt.document, receipt.signature, publicKey.publicKeyPem).then(setCheck);
  }, [receipt, publicKey]);
  const title = usePurposeTitles();
  const removed = receipt.dataRemoval?.removed ?? [];
  const pending = receipt.dataRemoval?.pending ?? [];
  return (
    <li className="receipt" data-receipt-id={receipt.receiptId}>
      <p>
        <strong>{formatDateTime(receipt.issuedAt)}</strong> — {decisionsOf(receipt, title) || 'your account'}
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
        Download receipt (JSON)<span className="visually-hidden"> from {formatDateTime(receipt.issuedAt)}</span>
      </button>
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
