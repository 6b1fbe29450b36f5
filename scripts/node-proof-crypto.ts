import { createHash, createPublicKey, verify } from 'node:crypto';
import type { ProofCrypto } from '../subgraphs/shared/consent-proof.js';

/** Ed25519 and SHA-256 from node:crypto, for verifying consent proofs offline. */
export const nodeProofCrypto: ProofCrypto = {
  verifyEd25519: async (message, signature, pem) => {
    try {
      return verify(null, message, createPublicKey(pem), Buffer.from(signature, 'base64url'));
    } catch {
      return false;
    }
  },
  sha256Hex: async (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
};
