import { Agent, fetch as undiciFetch } from 'undici';
import { SIGNATURE_HEADERS, signRequest } from './signing.js';

export interface SignedFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * A fetch for gateway-to-subgraph traffic: pooled keep-alive connections (undici), and every
 * request signed over its exact body and the principal header already set by the caller.
 */
// A subgraph that does not answer within seconds is treated as down (SERVICE_UNAVAILABLE), not waited on.
export function createSignedFetch(secret: string, agent = new Agent({ connections: 64, keepAliveTimeout: 4_000, headersTimeout: 10_000, bodyTimeout: 10_000 })) {
  const signedFetch = async (url: string, init: SignedFetchInit = {}) => {
    const headers = { ...(init.headers ?? {}) };
    const body = init.body ?? '';
    const method = init.method ?? 'POST';
    const { pathname, search } = new URL(url);
    const principal = headers[SIGNATURE_HEADERS.principal] ?? '';
    Object.assign(headers, signRequest(secret, { method, path: pathname + search, principal, body }));
    return undiciFetch(url, { method, headers, body, dispatcher: agent });
  };
  return Object.assign(signedFetch, { close: () => agent.close() });
}

export type SignedFetch = ReturnType<typeof createSignedFetch>;
