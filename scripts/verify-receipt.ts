import { createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';

/**
 * Verifies a consent receipt offline with nothing but the published public key.
 * Usage: npx tsx scripts/verify-receipt.ts receipt.json key.json
 *   receipt.json: {"document": "...", "signature": "..."} (a `receipts` entry as returned by the API)
 *   key.json:     GET /.well-known/consent-receipt-key
 */
const [receiptFile, keyFile] = process.argv.slice(2);
if (!receiptFile || !keyFile) {
  console.error('Usage: npx tsx scripts/verify-receipt.ts receipt.json key.json');
  process.exit(2);
}
const receipt = JSON.parse(fs.readFileSync(receiptFile, 'utf8')) as { document: string; signature: string };
const key = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as { publicKeyPem: string; keyId: string };
const ok = verify(null, Buffer.from(receipt.document, 'utf8'), createPublicKey(key.publicKeyPem), Buffer.from(receipt.signature, 'base64url'));
const doc = JSON.parse(receipt.document) as { consentReceiptID: string; piiPrincipalId: string; signature?: { keyId: string } };
console.log(ok ? `valid: receipt ${doc.consentReceiptID} for ${doc.piiPrincipalId}, signed by key ${key.keyId}` : 'INVALID: the receipt was changed or signed by another key');
process.exit(ok ? 0 : 1);
