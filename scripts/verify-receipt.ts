import { createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';

/**
 * Verifies a consent receipt offline with nothing but the published public key.
 * Usage: npx tsx scripts/verify-receipt.ts receipt.json key.json
 *   receipt.json: {"document": "...", "signature": "..."} (a `receipts` entry as returned by the API)
 *   key.json:     GET /.well-known/consent-receipt-key
 * Exit codes: 0 valid, 1 invalid, 2 the files are not what they should be.
 */
const USAGE = 'Usage: npx tsx scripts/verify-receipt.ts receipt.json key.json';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function readJson(file: string, what: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    fail(`Cannot read the ${what} file "${file}".\n${USAGE}`);
  }
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  fail(`The ${what} file "${file}" is not a JSON object.`);
}

const [receiptFile, keyFile] = process.argv.slice(2);
if (!receiptFile || !keyFile) fail(USAGE);
const receipt = readJson(receiptFile, 'receipt');
const key = readJson(keyFile, 'key');
if (typeof receipt.document !== 'string' || typeof receipt.signature !== 'string') {
  fail(`The receipt "${receiptFile}" needs "document" and "signature" strings, as in a \`receipts\` entry of the API (did the request fail?).`);
}
// The published document is a key set (`keys`, every key ever used); a single key also works.
let doc: { consentReceiptID?: string; piiPrincipalId?: string; signature?: { keyId?: string } } = {};
try {
  doc = JSON.parse(receipt.document) as typeof doc;
} catch {
  // a changed document may not parse: the signature check below says INVALID
}
const keySet = Array.isArray(key.keys) ? (key.keys as { kid?: unknown; publicKeyPem?: unknown }[]) : null;
const named = keySet?.find((k) => k.kid === (doc.signature?.keyId ?? receipt.keyId));
if (keySet && !named) {
  console.log(`INVALID: the receipt names key ${doc.signature?.keyId ?? '(none)'}, which is not in the published key set`);
  process.exit(1);
}
if (named) Object.assign(key, { keyId: named.kid, publicKeyPem: named.publicKeyPem });
if (typeof key.publicKeyPem !== 'string' || typeof key.keyId !== 'string') {
  fail(`The key "${keyFile}" needs "keys" (a key set) or "publicKeyPem" and "keyId", as served at /.well-known/consent-receipt-key.`);
}
let publicKey;
try {
  publicKey = createPublicKey(key.publicKeyPem);
} catch {
  fail(`The key "${keyFile}" does not hold a valid public key.`);
}
if (doc.signature?.keyId && doc.signature.keyId !== key.keyId) {
  console.log(`INVALID: the receipt names key ${doc.signature.keyId}, but key.json is key ${key.keyId}`);
  process.exit(1);
}
const ok = verify(null, Buffer.from(receipt.document, 'utf8'), publicKey, Buffer.from(receipt.signature, 'base64url'));
console.log(
  ok
    ? `valid: receipt ${doc.consentReceiptID} for ${doc.piiPrincipalId}, signed by key ${key.keyId}`
    : 'INVALID: the receipt was changed or signed by another key',
);
process.exit(ok ? 0 : 1);
