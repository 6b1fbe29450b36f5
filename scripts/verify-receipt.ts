import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import { verifySignedDocument, type PublishedKeys, type Verification } from '../subgraphs/shared/consent-proof.js';
import { nodeProofCrypto } from './node-proof-crypto.js';

/**
 * Verifies offline, with nothing but the published key set, anything the consent service signs: a
 * receipt in either format (Kantara 1.1 or DPV-27560), a ledger chain, or an erased ledger's tombstone.
 * Usage: npx tsx scripts/verify-receipt.ts [--at ISO-TIME] [--json] proof.json key.json
 *   proof.json: {"document": "...", "signature": "..."} (a `receipts` entry, `ledgerProof` or `ledgerTombstone` from the API, or a download)
 *   key.json:   GET /.well-known/consent-receipt-key (a key set), or one key {"keyId", "publicKeyPem"}
 *   --at:       when to read consent states (default now): a grant past its expiry reads EXPIRED
 * Exit codes: 0 valid, 1 not valid (the verdict says why), 2 the files are not what they should be.
 */
const USAGE = 'Usage: npx tsx scripts/verify-receipt.ts [--at ISO-TIME] [--json] proof.json key.json';

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

/** A key set (`keys`, every key ever used) or a single key, as one list. */
function keysFrom(key: Record<string, unknown>, file: string): PublishedKeys {
  const list = Array.isArray(key.keys) ? (key.keys as Record<string, unknown>[]) : [{ kid: key.keyId, publicKeyPem: key.publicKeyPem }];
  const keys = list.map((k) => ({ kid: k.kid, publicKeyPem: k.publicKeyPem }));
  if (keys.length === 0 || keys.some((k) => typeof k.kid !== 'string' || typeof k.publicKeyPem !== 'string')) {
    fail(`The key "${file}" needs "keys" (a key set) or "publicKeyPem" and "keyId", as served at /.well-known/consent-receipt-key.`);
  }
  for (const k of keys) {
    try {
      createPublicKey(k.publicKeyPem as string);
    } catch {
      fail(`The key "${file}" does not hold a valid public key (${String(k.kid)}).`);
    }
  }
  return { keys: keys as PublishedKeys['keys'] };
}

/** One line a person reads: the verdict, what was checked and why. */
function describe(v: Verification, doc: Record<string, unknown>): string {
  if (v.verdict !== 'VALID') return `${v.verdict}: ${v.message}`;
  if (v.kind === 'LEDGER_CHAIN') return `valid: ledger chain of ${String(doc.subject)}, ${v.message}, signed by key ${v.keyId}`;
  if (v.kind === 'LEDGER_TOMBSTONE') return `valid: tombstone of ${v.message}, erased at ${String(doc.erasedAt)}, signed by key ${v.keyId}`;
  const id = v.kind === 'DPV_27560' ? doc['dpv:hasIdentifier'] : doc.consentReceiptID;
  const form = v.kind === 'DPV_27560' ? 'DPV-27560 receipt' : 'receipt';
  const subject = v.kind === 'DPV_27560' ? '' : ` for ${String(doc.piiPrincipalId)}`;
  const states = Object.entries(v.consent ?? {}).map(([purpose, state]) => `${purpose} ${state}`);
  const removal = v.dataRemoval && v.dataRemoval !== 'NOT_APPLICABLE' ? `; data removal ${v.dataRemoval}` : '';
  const followUp = v.followUpOf ? `; follow-up of receipt ${v.followUpOf}` : '';
  return `valid: ${form} ${String(id)}${subject}, signed by key ${v.keyId}${states.length ? ` (${states.join(', ')})` : ''}${followUp}${removal}`;
}

{
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const atIndex = args.indexOf('--at');
  const at = atIndex >= 0 ? new Date(args[atIndex + 1] ?? '') : new Date();
  if (Number.isNaN(at.getTime())) fail(`--at needs an ISO time.\n${USAGE}`);
  const files = args.filter((a, i) => a !== '--json' && (atIndex < 0 || (i !== atIndex && i !== atIndex + 1)));
  const [proofFile, keyFile] = files;
  if (!proofFile || !keyFile) fail(USAGE);
  const proof = readJson(proofFile, 'receipt');
  const keys = keysFrom(readJson(keyFile, 'key'), keyFile);
  if (typeof proof.document !== 'string' || typeof proof.signature !== 'string') {
    fail(`The receipt "${proofFile}" needs "document" and "signature" strings, as in a \`receipts\` entry of the API (did the request fail?).`);
  }
  const verification = await verifySignedDocument({ document: proof.document, signature: proof.signature }, keys, nodeProofCrypto, at);
  let doc: Record<string, unknown> = {};
  try {
    doc = JSON.parse(proof.document) as Record<string, unknown>;
  } catch {
    // INVALID already says so
  }
  console.log(json ? JSON.stringify(verification) : describe(verification, doc));
  process.exit(verification.verdict === 'VALID' ? 0 : 1);
}
