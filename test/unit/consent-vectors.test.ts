import { execFile } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { consentVectors } from '../../scripts/consent-vectors.js';
import { ledgerEntryHashInput, type LedgerEntry, type Verification } from '../../subgraphs/shared/consent-proof.js';

const run = promisify(execFile);
const DIR = path.join('docs', 'consent-vectors');
const read = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8');
const manifest = JSON.parse(read('vectors.json')) as {
  asOf: string;
  vectors: { name: string; file: string; expected: Partial<Verification> }[];
};
const keySet = JSON.parse(read('keys.json')) as { keys: { kid: string; publicKeyPem: string }[] };

/** The offline verifier exactly as a customer or a third party runs it. */
async function verifyWithScript(file: string): Promise<{ code: number; verification: Verification }> {
  const args = ['--import', 'tsx', 'scripts/verify-receipt.ts', '--json', '--at', manifest.asOf, path.join(DIR, file), path.join(DIR, 'keys.json')];
  try {
    const { stdout } = await run(process.execPath, args);
    return { code: 0, verification: JSON.parse(stdout) as Verification };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, verification: JSON.parse(e.stdout) as Verification };
  }
}

describe('published consent test vectors (docs/consent-vectors)', () => {
  it('are exactly what the generator writes (deterministic, and committed up to date)', () => {
    const { files } = consentVectors();
    for (const [name, content] of Object.entries(files)) expect(read(name), name).toBe(content);
    const committed = fs.readdirSync(DIR, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    const names = committed.map((f) => path.relative(DIR, path.join(f.parentPath, f.name))).filter((n) => n !== 'README.md');
    expect(names.sort()).toEqual(Object.keys(files).sort());
    expect(consentVectors().files).toEqual(files);
  });

  it('cover every case the README promises', () => {
    const names = manifest.vectors.map((v) => v.name);
    for (const format of ['kantara', 'dpv']) {
      for (const c of ['valid', 'tampered-body', 'wrong-key', 'rotated-key', 'expired-grant', 'withdrawal', 'follow-up'])
        expect(names).toContain(`${format}-${c}`);
    }
    for (const c of ['valid', 'broken-link', 'fork', 'tombstone']) expect(names).toContain(`ledger-${c}`);
  });

  it('get every expected verdict from scripts/verify-receipt.ts', async () => {
    const results: { name: string; code: number; verification: Verification }[] = [];
    for (let i = 0; i < manifest.vectors.length; i += 4) {
      const batch = manifest.vectors.slice(i, i + 4);
      results.push(...(await Promise.all(batch.map(async (v) => ({ name: v.name, ...(await verifyWithScript(v.file)) })))));
    }
    for (const [i, v] of manifest.vectors.entries()) {
      const { code, verification } = results[i];
      expect(verification, v.name).toMatchObject(v.expected);
      expect(code, v.name).toBe(v.expected.verdict === 'VALID' ? 0 : 1);
    }
  }, 120_000);

  it('verify as the README says with plain Ed25519 and SHA-256 (no code of ours): signatures over the published bytes, entry hashes', () => {
    for (const v of manifest.vectors.filter((x) => x.expected.verdict === 'VALID' && x.name !== 'dpv-reordered-keys')) {
      const { document, signature } = JSON.parse(read(v.file)) as { document: string; signature: string };
      const doc = JSON.parse(document) as { signature?: { keyId: string }; 'cfp:signature'?: { keyId: string }; entries?: LedgerEntry[] };
      const keyId = (doc.signature ?? doc['cfp:signature'])!.keyId;
      const key = createPublicKey(keySet.keys.find((k) => k.kid === keyId)!.publicKeyPem);
      expect(verify(null, Buffer.from(document, 'utf8'), key, Buffer.from(signature, 'base64url')), v.name).toBe(true);
      for (const e of doc.entries ?? []) expect(createHash('sha256').update(ledgerEntryHashInput(e)).digest('hex')).toBe(e.hash);
    }
  });
});
