import { createHash, createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { INITIAL_NOTICES } from '../subgraphs/consent/notice-catalog.js';
import type { ConsentDecisionRecord } from '../subgraphs/consent/entities/consent-decision.entity.js';
import type { NoticeRecord } from '../subgraphs/consent/entities/notice.entity.js';
import { dpvReceipt } from '../subgraphs/consent/services/dpv-receipt.js';
import { ledgerChainDocument, toLedgerEntry, tombstoneDocument } from '../subgraphs/consent/services/ledger-proof.js';
import { GENESIS_HASH, hashDecision, type NewDecision } from '../subgraphs/consent/services/ledger.service.js';
import { kantaraText, receiptBase, type ReceiptRemoval } from '../subgraphs/consent/services/receipt-document.js';
import { keyIdOf } from '../subgraphs/consent/services/receipt-signer.js';
import { hashTombstone } from '../subgraphs/consent/services/tombstone.js';
import { canonicalText, type Verdict } from '../subgraphs/shared/consent-proof.js';

/**
 * The published consent test vectors (docs/consent-vectors/), built with the production document
 * builders from fixed keys, ids and times, so the same files come out every time.
 */
export const VECTORS_AS_OF = '2026-06-01T00:00:00.000Z';
const CONTROLLER = 'Demo Retailer Ltd (privacy@retailer.example)';
const CONTROLLER_ADDRESS = '1 Example Street, Dublin D01 X2Y3, Ireland';
const CUSTOMER = 'cust-vector-001';

export interface VectorFile {
  name: string;
  file: string;
  description: string;
  expected: { verdict: Verdict; consent?: Record<string, string>; followUpOf?: string; dataRemoval?: string };
  content: { description: string; document: string; signature: string };
}

/** An Ed25519 key from a fixed 32-byte seed (RFC 8410 PKCS#8 prefix + seed). */
function seededKey(label: string): KeyObject {
  const seed = createHash('sha256').update(`consent-vectors ${label}`).digest();
  return createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
}

function fixedUuid(label: string): string {
  const h = createHash('sha256').update(`consent-vectors ${label}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const KEYS = { rotatedAway: seededKey('key 1 (retired)'), current: seededKey('key 2 (current)'), outsider: seededKey('key 3 (not published)') };
const kid = (key: KeyObject) => keyIdOf(createPublicKey(key));
const sig = (text: string, key: KeyObject) => sign(null, Buffer.from(text, 'utf8'), key).toString('base64url');

/** The published key set, as /.well-known/consent-receipt-key serves it (the outsider's key is not in it). */
export function vectorKeySet() {
  const published = (key: KeyObject, current: boolean) => {
    const publicKey = createPublicKey(key);
    const jwk = publicKey.export({ format: 'jwk' }) as { kty: string; crv: string; x: string };
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, kid: kid(key), alg: 'EdDSA', use: 'sig', publicKeyPem: pem, current };
  };
  const keys = [published(KEYS.current, true), published(KEYS.rotatedAway, false)];
  return {
    algorithm: 'Ed25519',
    keyId: keys[0].kid,
    publicKeyPem: keys[0].publicKeyPem,
    jwk: { kty: keys[0].kty, crv: keys[0].crv, x: keys[0].x },
    keys,
  };
}

const notices = new Map(
  INITIAL_NOTICES.map((n): [string, NoticeRecord] => [
    `${n.purpose}@1`,
    { ...n, version: 1, effectiveAt: '2026-01-01T00:00:00.000Z', material: true },
  ]),
);

/** A customer's ledger: the decisions in order, each linked to the one before. */
function ledger(steps: Omit<NewDecision, 'customerId' | 'origin' | 'noticeVersion'>[]): ConsentDecisionRecord[] {
  let prevHash = GENESIS_HASH;
  return steps.map((step, i) => {
    const linked = {
      ...step,
      customerId: CUSTOMER,
      origin: 'preference-center',
      noticeVersion: 1,
      decisionId: fixedUuid(`decision ${i + 1}`),
      prevHash,
    };
    const record = { ...linked, seq: i + 1, hash: hashDecision(linked), receiptId: null } as ConsentDecisionRecord;
    prevHash = record.hash;
    return record;
  });
}

const DECISIONS = ledger([
  {
    purpose: 'personalization.behavioral',
    status: 'GRANTED',
    method: 'PREFERENCE_CENTER',
    occurredAt: '2026-02-01T09:00:00.000Z',
    expiresAt: '2027-02-01T09:00:00.000Z',
  },
  {
    purpose: 'marketing.email',
    status: 'GRANTED',
    method: 'PREFERENCE_CENTER',
    occurredAt: '2026-02-01T09:01:00.000Z',
    expiresAt: '2026-05-01T09:01:00.000Z',
  },
  {
    purpose: 'personalization.behavioral',
    status: 'WITHDRAWN',
    method: 'PREFERENCE_CENTER',
    occurredAt: '2026-03-01T12:00:00.000Z',
    expiresAt: null,
  },
  { purpose: 'share.partners', status: 'DENIED', method: 'GPC', occurredAt: '2026-03-02T08:00:00.000Z', expiresAt: null },
]);
const [GRANT, EXPIRING_GRANT, WITHDRAWAL] = DECISIONS;

const NOTHING_REMOVED: ReceiptRemoval = { status: 'NOT_APPLICABLE', removed: [], pending: [] };
const REMOVAL_PENDING: ReceiptRemoval = {
  status: 'PENDING',
  removed: [{ subgraph: 'profile', purpose: 'personalization.behavioral', category: 'events', count: 12 }],
  pending: [{ subgraph: 'recommendations', purpose: 'personalization.behavioral' }],
};
const REMOVAL_COMPLETE: ReceiptRemoval = {
  status: 'COMPLETE',
  removed: [
    { subgraph: 'profile', purpose: 'personalization.behavioral', category: 'events', count: 12 },
    { subgraph: 'recommendations', purpose: 'personalization.behavioral', category: 'model contributions', count: 3 },
  ],
  pending: [],
};

interface ReceiptCase {
  receiptId: string;
  issuedAt: string;
  decisions: ConsentDecisionRecord[];
  dataRemoval: ReceiptRemoval;
  followUpOf?: string;
}

const receiptCase = (label: string, decisions: ConsentDecisionRecord[], dataRemoval: ReceiptRemoval, followUpOf?: string): ReceiptCase => ({
  receiptId: fixedUuid(`receipt ${label}`),
  issuedAt: new Date(Date.parse(decisions[0].occurredAt) + (followUpOf ? 3_600_000 : 1_000)).toISOString(),
  decisions,
  dataRemoval,
  followUpOf,
});

/** Both forms of a receipt's document as the consent service signs them, for the key named. */
function receiptTexts(c: ReceiptCase, keyId: string): { kantara: string; dpv: string } {
  const base = receiptBase({
    receiptId: c.receiptId,
    issuedAt: c.issuedAt,
    controller: CONTROLLER,
    customerId: CUSTOMER,
    decisions: c.decisions,
    notices,
  });
  const kantara = kantaraText({ ...base, ...(c.followUpOf ? { followUpOf: c.followUpOf } : {}), dataRemoval: c.dataRemoval }, keyId);
  const dpv = canonicalText(
    dpvReceipt({ ...c, controller: CONTROLLER, controllerAddress: CONTROLLER_ADDRESS, customerId: CUSTOMER, notices }, keyId),
  );
  return { kantara, dpv };
}

/** Changes one value inside the document text without re-signing (the tampered vectors). */
function tamper(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`cannot tamper: ${from} not found`);
  return text.replace(from, to);
}

/** Re-serializes with keys in reverse order and indentation: the same JSON, different bytes. */
function reordered(text: string): string {
  const reverse = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(reverse)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reverse(x)]),
          )
        : v;
  return JSON.stringify(reverse(JSON.parse(text)), null, 2);
}

function receiptVectors(): VectorFile[] {
  const current = kid(KEYS.current);
  const valid = receiptCase('valid', [GRANT], NOTHING_REMOVED);
  const expired = receiptCase('expired grant', [EXPIRING_GRANT], NOTHING_REMOVED);
  const withdrawal = receiptCase('withdrawal', [WITHDRAWAL], REMOVAL_PENDING);
  const followUp = receiptCase('follow-up', [WITHDRAWAL], REMOVAL_COMPLETE, withdrawal.receiptId);
  const out: VectorFile[] = [];
  for (const format of ['kantara', 'dpv'] as const) {
    const add = (name: string, description: string, document: string, key: KeyObject, expected: VectorFile['expected']) =>
      out.push({
        name: `${format}-${name}`,
        file: `receipts/${format}-${name}.json`,
        description,
        expected,
        content: { description, document, signature: sig(document, key) },
      });
    const signedText = (c: ReceiptCase, keyId: string) => receiptTexts(c, keyId)[format];
    const validText = signedText(valid, current);
    add('valid', 'A grant, signed by the current key.', validText, KEYS.current, {
      verdict: 'VALID',
      consent: { 'personalization.behavioral': 'GRANTED' },
    });
    out.push({
      ...out[out.length - 1],
      name: `${format}-tampered-body`,
      file: `receipts/${format}-tampered-body.json`,
      description: 'The valid receipt with the decision changed from GRANTED to DENIED after signing.',
      expected: { verdict: 'INVALID' },
      content: {
        description: 'The valid receipt with the decision changed from GRANTED to DENIED after signing.',
        document: tamper(validText, '"GRANTED"', '"DENIED"'),
        signature: sig(validText, KEYS.current),
      },
    });
    add('wrong-key', 'Names the current key but was signed by a key that is not published.', validText, KEYS.outsider, { verdict: 'INVALID' });
    add('unknown-key', 'Signed by, and naming, a key that is not in the published key set.', signedText(valid, kid(KEYS.outsider)), KEYS.outsider, {
      verdict: 'UNKNOWN_KEY',
    });
    add(
      'rotated-key',
      'Signed by a key that has since been rotated away: still published, still valid.',
      signedText(valid, kid(KEYS.rotatedAway)),
      KEYS.rotatedAway,
      {
        verdict: 'VALID',
        consent: { 'personalization.behavioral': 'GRANTED' },
      },
    );
    add(
      'expired-grant',
      `A grant whose term ended before ${VECTORS_AS_OF}: the receipt is genuine, the consent reads EXPIRED.`,
      signedText(expired, current),
      KEYS.current,
      {
        verdict: 'VALID',
        consent: { 'marketing.email': 'EXPIRED' },
      },
    );
    add('withdrawal', 'A withdrawal while one part had not yet confirmed its deletion.', signedText(withdrawal, current), KEYS.current, {
      verdict: 'VALID',
      consent: { 'personalization.behavioral': 'WITHDRAWN' },
      dataRemoval: 'PENDING',
    });
    add(
      'follow-up',
      'The follow-up receipt once every deletion the withdrawal left pending was confirmed.',
      signedText(followUp, current),
      KEYS.current,
      {
        verdict: 'VALID',
        consent: { 'personalization.behavioral': 'WITHDRAWN' },
        followUpOf: withdrawal.receiptId,
        dataRemoval: 'COMPLETE',
      },
    );
    if (format === 'dpv') {
      const document = reordered(validText);
      const description = 'The valid DPV receipt re-serialized (keys reversed, indented): the JCS form is unchanged, so it verifies.';
      out.push({
        name: 'dpv-reordered-keys',
        file: 'receipts/dpv-reordered-keys.json',
        description,
        expected: { verdict: 'VALID', consent: { 'personalization.behavioral': 'GRANTED' } },
        content: { description, document, signature: sig(validText, KEYS.current) },
      });
    }
  }
  return out;
}

function ledgerVectors(): VectorFile[] {
  const current = kid(KEYS.current);
  const chain = (entries: ConsentDecisionRecord[]) =>
    canonicalText(
      ledgerChainDocument(
        { subject: CUSTOMER, controller: CONTROLLER, issuedAt: '2026-03-03T00:00:00.000Z', entries: entries.map(toLedgerEntry) },
        current,
      ),
    );
  const vector = (name: string, description: string, document: string, expected: VectorFile['expected'], signedText = document): VectorFile => ({
    name: `ledger-${name}`,
    file: `ledger/${name}.json`,
    description,
    expected,
    content: { description, document, signature: sig(signedText, KEYS.current) },
  });
  const [first, second, third, fourth] = DECISIONS;
  // A second history branching off the first entry: it links to entry 1, as entry 2 already does.
  const branchLink = { ...third, decisionId: fixedUuid('decision fork'), prevHash: first.hash };
  const branch = { ...third, ...branchLink, hash: hashDecision(branchLink) };
  const tombstoneFields = {
    subjectHash: createHash('sha256').update('keyed hash stand-in').digest('hex'),
    headHash: fourth.hash,
    entryCount: 4,
    erasedAt: '2026-04-01T00:00:00.000Z',
  };
  const tombstone = canonicalText(
    tombstoneDocument(
      { ...tombstoneFields, hash: hashTombstone(tombstoneFields), controller: CONTROLLER, issuedAt: '2026-04-01T00:00:01.000Z' },
      current,
    ),
  );
  return [
    vector('valid', 'A customer’s whole ledger, four entries, head signed.', chain(DECISIONS), { verdict: 'VALID' }),
    vector(
      'broken-link',
      'Entry 2 left out (and the rest signed again): entry 3 links to a hash that is not in the chain.',
      chain([first, third, fourth]),
      {
        verdict: 'BROKEN_LINK',
      },
    ),
    vector(
      'tampered-entry',
      'Entry 3 changed from WITHDRAWN to GRANTED without recomputing its hash (then signed).',
      chain([first, second, { ...third, status: 'GRANTED' }, fourth]),
      {
        verdict: 'BROKEN_LINK',
      },
    ),
    vector('fork', 'Two entries follow entry 1: a second history was written beside the first.', chain([first, second, branch]), { verdict: 'FORK' }),
    vector(
      'tampered-after-signing',
      'The valid chain with entry 1’s purpose changed after it was signed.',
      tamper(chain(DECISIONS), '"personalization.behavioral"', '"analytics"'),
      { verdict: 'INVALID' },
      chain(DECISIONS),
    ),
    vector('tombstone', 'What an erasure leaves of the ledger: a keyed hash of the customer, the head hash and the length, signed.', tombstone, {
      verdict: 'VALID',
    }),
    vector(
      'tombstone-tampered',
      'The tombstone with its entry count changed and signed again: its own hash no longer matches.',
      tamper(tombstone, '"entryCount":4', '"entryCount":3'),
      {
        verdict: 'INVALID',
      },
    ),
  ];
}

/** Every vector, receipts first; plus the key set and the manifest the README describes. */
export function consentVectors(): { files: Record<string, string>; vectors: VectorFile[] } {
  const vectors = [...receiptVectors(), ...ledgerVectors()];
  const manifest = {
    description: 'Consent receipts and ledger proofs with the verdict a correct verifier gives. See README.md.',
    asOf: VECTORS_AS_OF,
    keySet: 'keys.json',
    vectors: vectors.map(({ name, file, description, expected }) => ({ name, file, description, expected })),
  };
  const files: Record<string, string> = { 'keys.json': json(vectorKeySet()), 'vectors.json': json(manifest) };
  for (const v of vectors) files[v.file] = json(v.content);
  return { files, vectors };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
