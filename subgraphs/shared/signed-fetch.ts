import { Agent, fetch as undiciFetch } from 'undici';
import { SIGNATURE_HEADERS, signRequest } from './signing.js';

export interface SignedFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Aborts the call (a caller's deadline). */
  signal?: AbortSignal;
}

/**
 * A fetch for gateway-to-subgraph traffic: pooled keep-alive connections (undici), and every
 * request signed over its exact body and the principal header already set by the caller.
 */
/**
 * How long a call may wait for an answer before the subgraph counts as down. Calls nest (the
 * gateway calls consent, which calls its withdrawal subscribers), so an outer call waits longer
 * than the calls it makes.
 */
export const CALL_TIMEOUT_MS = {
  gateway: 30_000,
  /** Profile's erasure asks consent, which asks every withdrawal subscriber. */
  profile: 20_000,
  service: 10_000,
} as const;

export function createSignedFetch(secret: string, timeoutMs: number = CALL_TIMEOUT_MS.service) {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const signedFetch = async (url: string, init: SignedFetchInit = {}) => {
    const headers = { ...(init.headers ?? {}) };
    const body = init.body ?? '';
    const method = init.method ?? 'POST';
    const { pathname, search } = new URL(url);
    const principal = headers[SIGNATURE_HEADERS.principal] ?? '';
    Object.assign(headers, signRequest(secret, { method, path: pathname + search, principal, body }));
    return undiciFetch(url, { method, headers, body, dispatcher: agent, signal: init.signal });
  };
  // Closing twice (a stop racing a crash) is fine: the pool is already gone.
  const close = () => (agent.closed || agent.destroyed ? Promise.resolve() : agent.close());
  return Object.assign(signedFetch, { close });
}

export type SignedFetch = ReturnType<typeof createSignedFetch>;
