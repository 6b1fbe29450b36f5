import canonicalize from 'canonicalize';

/**
 * Offline verification of everything the consent service signs, with nothing but the published
 * key set, Ed25519 and SHA-256: Kantara 1.1 receipts (signature over the exact document text), and
 * DPV-27560 records, ledger chains and tombstones (detached signature over the RFC 8785 (JCS)
 * canonical form, so key order and whitespace do not matter). Pure: the Node script, the tests and
 * the preference center each bring their own crypto.
 */
export const JCS = 'JCS (RFC 8785)';
export const LEDGER_CHAIN_TYPE = 'ConsentLedgerChain';
export const LEDGER_TOMBSTONE_TYPE = 'ConsentLedgerTombstone';
export const GENESIS_HASH = '0'.repeat(64);

/** Names the key a document was signed with; the signature value itself travels beside the document. */
export interface SignatureInfo {
  algorithm: 'Ed25519';
  keyId: string;
  canonicalization?: typeof JCS;
}

export interface ProofCrypto {
  verifyEd25519(message: Uint8Array, signatureBase64Url: string, publicKeyPem: string): Promise<boolean>;
  sha256Hex(text: string): Promise<string>;
}

export type ProofKind = 'KANTARA_1_1' | 'DPV_27560' | 'LEDGER_CHAIN' | 'LEDGER_TOMBSTONE';
export type Verdict = 'VALID' | 'INVALID' | 'UNKNOWN_KEY' | 'BROKEN_LINK' | 'FORK' | 'MALFORMED';

export interface Verification {
  verdict: Verdict;
  kind: ProofKind | null;
  keyId: string | null;
  message: string;
  /** Receipts: each purpose's consent as of the check (GRANTED past its expiry reads EXPIRED). */
  consent?: Record<string, string>;
  /** A follow-up receipt names the receipt whose pending deletions it reports complete. */
  followUpOf?: string;
  dataRemoval?: string;
}

export interface PublishedKeys {
  keys: { kid: string; publicKeyPem: string }[];
}

/** The canonical (JCS) text of a JSON value: what detached signatures cover. */
export function canonicalText(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('Only JSON values have a canonical form.');
  return text;
}

/** One ledger entry as published in a chain; its hash covers the fixed-order array below. */
export interface LedgerEntry {
  seq: number;
  decisionId: string;
  customerId: string;
  purpose: string;
  noticeVersion: number;
  status: string;
  method: string;
  origin: string;
  occurredAt: string;
  expiresAt: string | null;
  prevHash: string;
  hash: string;
}

/** What a ledger entry's SHA-256 covers: this JSON array (its JCS form is the same text). */
export function ledgerEntryHashInput(e: Omit<LedgerEntry, 'seq' | 'hash'>): string {
  return JSON.stringify([
    e.decisionId,
    e.customerId,
    e.purpose,
    e.noticeVersion,
    e.status,
    e.method,
    e.origin,
    e.occurredAt,
    e.expiresAt,
    e.prevHash,
  ]);
}

export interface TombstoneFields {
  subjectHash: string;
  headHash: string;
  entryCount: number;
  erasedAt: string;
}

/** What a tombstone's SHA-256 covers. */
export function tombstoneHashInput(t: TombstoneFields): string {
  return JSON.stringify([t.subjectHash, t.headHash, t.entryCount, t.erasedAt]);
}

type Json = Record<string, unknown>;

function kindOf(doc: Json): ProofKind {
  if (doc.type === LEDGER_CHAIN_TYPE) return 'LEDGER_CHAIN';
  if (doc.type === LEDGER_TOMBSTONE_TYPE) return 'LEDGER_TOMBSTONE';
  if (doc['@type'] === 'dpv:ConsentReceipt') return 'DPV_27560';
  // Kantara 1.1 receipts (and any other document naming its key) are signed over their exact text.
  return 'KANTARA_1_1';
}

function signatureInfoOf(doc: Json, kind: ProofKind): SignatureInfo | undefined {
  const info = (kind === 'DPV_27560' ? doc['cfp:signature'] : doc.signature) as SignatureInfo | undefined;
  return info && typeof info === 'object' ? info : undefined;
}

/**
 * Verifies a signed document (`{ document, signature }` as the API and the downloads give it)
 * against the published key set. `asOf` is when consent states are read (default: now).
 */
export async function verifySignedDocument(
  envelope: { document: string; signature: string },
  keySet: PublishedKeys,
  crypto: ProofCrypto,
  asOf: Date = new Date(),
): Promise<Verification> {
  let doc: Json;
  try {
    doc = JSON.parse(envelope.document) as Json;
  } catch {
    return { verdict: 'INVALID', kind: null, keyId: null, message: 'the document is not JSON: it was changed after signing' };
  }
  if (typeof doc !== 'object' || doc === null) return { verdict: 'MALFORMED', kind: null, keyId: null, message: 'the document is not a JSON object' };
  const kind = kindOf(doc);
  const info = signatureInfoOf(doc, kind);
  const keyId = info?.keyId ?? null;
  const key = keySet.keys.find((k) => k.kid === keyId);
  if (!key) return { verdict: 'UNKNOWN_KEY', kind, keyId, message: `it names key ${keyId ?? '(none)'}, which is not in the key set` };
  const signed = kind === 'KANTARA_1_1' ? envelope.document : canonicalText(doc);
  if (!(await crypto.verifyEd25519(new TextEncoder().encode(signed), envelope.signature, key.publicKeyPem))) {
    return { verdict: 'INVALID', kind, keyId, message: 'the signature does not match: the document was changed or signed by another key' };
  }
  const base = { kind, keyId };
  if (kind === 'LEDGER_CHAIN') return { ...base, ...(await checkChain(doc, crypto)) };
  if (kind === 'LEDGER_TOMBSTONE') return { ...base, ...(await checkTombstone(doc, crypto)) };
  return { ...base, verdict: 'VALID', message: `signed by key ${keyId}`, ...receiptFacts(doc, kind, asOf) };
}

async function checkChain(doc: Json, crypto: ProofCrypto): Promise<Pick<Verification, 'verdict' | 'message'>> {
  const entries = doc.entries as LedgerEntry[] | undefined;
  const head = doc.head as { hash?: string; entryCount?: number } | undefined;
  if (!Array.isArray(entries) || !head) return { verdict: 'MALFORMED', message: 'a ledger chain needs "entries" and "head"' };
  const seen = new Set([GENESIS_HASH]);
  let previous = GENESIS_HASH;
  for (const entry of entries) {
    if (entry.prevHash !== previous) {
      return seen.has(entry.prevHash)
        ? { verdict: 'FORK', message: `entry ${entry.seq} branches off an earlier entry instead of following the entry before it (a fork)` }
        : { verdict: 'BROKEN_LINK', message: `entry ${entry.seq} links to ${entry.prevHash.slice(0, 12)}…, which is not the entry before it` };
    }
    if ((await crypto.sha256Hex(ledgerEntryHashInput(entry))) !== entry.hash) {
      return { verdict: 'BROKEN_LINK', message: `entry ${entry.seq} does not match its hash` };
    }
    seen.add(entry.hash);
    previous = entry.hash;
  }
  if (head.hash !== previous || head.entryCount !== entries.length) {
    return { verdict: 'BROKEN_LINK', message: 'the signed head is not the last entry of the chain' };
  }
  return { verdict: 'VALID', message: `a chain of ${entries.length} entries ending in ${previous.slice(0, 12)}…` };
}

async function checkTombstone(doc: Json, crypto: ProofCrypto): Promise<Pick<Verification, 'verdict' | 'message'>> {
  const fields = doc as unknown as TombstoneFields & { hash?: string };
  if ((await crypto.sha256Hex(tombstoneHashInput(fields))) !== fields.hash) {
    return { verdict: 'INVALID', message: 'the tombstone does not match its hash' };
  }
  return { verdict: 'VALID', message: `an erased ledger of ${fields.entryCount} entries ending in ${fields.headHash.slice(0, 12)}…` };
}

const DPV_STATES: Record<string, string> = {
  'dpv:ConsentGiven': 'GRANTED',
  'dpv:ConsentRefused': 'DENIED',
  'dpv:ConsentWithdrawn': 'WITHDRAWN',
  'dpv:ConsentExpired': 'EXPIRED',
};

/** Each purpose's state as of `asOf`, and the follow-up and removal facts, from either receipt form. */
function receiptFacts(doc: Json, kind: ProofKind, asOf: Date): Pick<Verification, 'consent' | 'followUpOf' | 'dataRemoval'> {
  const consent: Record<string, string> = {};
  const read = (purpose: string, status: string, expiresAt: string | null | undefined) =>
    (consent[purpose] = status === 'GRANTED' && expiresAt && Date.parse(expiresAt) <= asOf.getTime() ? 'EXPIRED' : status);
  if (kind === 'KANTARA_1_1') {
    const services = (doc.services ?? []) as { purposes: { purposeId: string; status: string; termination: string }[] }[];
    for (const p of services.flatMap((s) => s.purposes)) read(p.purposeId, p.status, /^(\S+) or on withdrawal$/.exec(p.termination)?.[1]);
    const removal = doc.dataRemoval as { status?: string } | undefined;
    return { consent, followUpOf: doc.followUpOf as string | undefined, dataRemoval: removal?.status };
  }
  for (const record of (doc['dpv:hasRecordOfActivity'] ?? []) as Json[]) {
    const status = record['dpv:hasConsentStatus'] as Json;
    const types = ([] as string[]).concat(status['@type'] as string | string[]);
    const state = types.map((t) => DPV_STATES[t]).find(Boolean) ?? 'UNKNOWN';
    const duration = status['dpv:hasDuration'] as Json | undefined;
    const expiresAt = duration?.['@type'] === 'dpv:UntilTimeDuration' ? (duration['dpv:hasValue'] as string) : null;
    read(record['cfp:purposeId'] as string, state, expiresAt);
  }
  const removal = doc['cfp:dataRemoval'] as { status?: string } | undefined;
  const followUpOf = (doc['dct:replaces'] as string | undefined)?.replace(/^urn:uuid:/, '');
  return { consent, followUpOf, dataRemoval: removal?.status };
}
