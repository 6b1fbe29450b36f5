import { execFile } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** Runs the offline verifier as a customer would; resolves with its exit code and output. */
async function verifyReceipt(...files: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/verify-receipt.ts', ...files]);
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('scripts/verify-receipt.ts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfp-receipt-'));
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const document = JSON.stringify({ consentReceiptID: 'r-1', piiPrincipalId: 'cust-001', signature: { algorithm: 'Ed25519', keyId: 'k1' } });
  const write = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const key = write('key.json', { algorithm: 'Ed25519', keyId: 'k1', publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) });
  const signature = sign(null, Buffer.from(document), privateKey).toString('base64url');

  it('says valid for an untouched receipt, INVALID after one changed byte or with another key, and explains bad files', async () => {
    expect(await verifyReceipt(write('ok.json', { document, signature }), key)).toEqual({
      code: 0,
      out: 'valid: receipt r-1 for cust-001, signed by key k1\n',
    });
    const changed = document.replace('cust-001', 'cust-002');
    expect(await verifyReceipt(write('changed.json', { document: changed, signature }), key)).toEqual({
      code: 1,
      out: 'INVALID: the signature does not match: the document was changed or signed by another key\n',
    });
    const otherKey = write('other-key.json', {
      keyId: 'k2',
      publicKeyPem: generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }),
    });
    expect((await verifyReceipt(write('ok2.json', { document, signature }), otherKey)).code).toBe(1);

    const failed = await verifyReceipt(write('failed.json', { data: null }), key);
    expect(failed).toEqual({ code: 2, out: expect.stringContaining('needs "document" and "signature" strings') });
    expect(failed.out).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(await verifyReceipt(path.join(dir, 'missing.json'), key)).toEqual({
      code: 2,
      out: expect.stringContaining('Cannot read the receipt file'),
    });
  });
});
