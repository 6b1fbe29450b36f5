import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Gateway-to-subgraph request signing (SPEC §3): `@requires` data arrives inside `_entities`
 * representations, so a subgraph must only believe requests the gateway made. The signature is
 * an HMAC-SHA256 over the timestamp, the principal header and the exact body bytes.
 */
export const SIGNATURE_HEADERS = {
  timestamp: 'x-gateway-timestamp',
  principal: 'x-gateway-principal',
  signature: 'x-gateway-signature',
} as const;

export function signRequest(secret: string, principal: string, body: string, now = Date.now()) {
  const timestamp = String(now);
  return {
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.principal]: principal,
    [SIGNATURE_HEADERS.signature]: mac(secret, timestamp, principal, body),
  };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifyRequest(
  secret: string,
  headers: { timestamp?: string; principal?: string; signature?: string },
  body: string,
  maxAgeMs: number,
  now = Date.now(),
): SignatureCheck {
  const { timestamp, principal = '', signature } = headers;
  if (!timestamp || !signature) return { ok: false, reason: 'the request is not signed by the gateway' };
  const age = now - Number(timestamp);
  if (!Number.isFinite(age) || Math.abs(age) > maxAgeMs) return { ok: false, reason: 'the signature has expired' };
  const expected = Buffer.from(mac(secret, timestamp, principal, body), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'the signature does not match the request' };
  }
  return { ok: true };
}

function mac(secret: string, timestamp: string, principal: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${principal}\n`).update(body).digest('hex');
}
