import type { IncomingHttpHeaders } from 'node:http';
import { Agent } from 'undici';
import { SIGNATURE_HEADERS, signRequest } from './signing.js';

export interface SignedFetchInit {
  /** The subgraph called (its name): part of what is signed, so the request is good only there. */
  target: string;
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

/**
 * The answer of a signed call: the parts of a fetch Response its callers (Apollo's data source,
 * service clients) read, from undici's pooled `request` (far cheaper per call than its WHATWG
 * `fetch`, which builds streams, a Request and an abort signal for every call).
 */
export class SignedResponse {
  readonly ok: boolean;
  /** Never the address called: callers must not pass it on. */
  readonly url = '';
  readonly statusText = '';
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly status: number,
    headers: IncomingHttpHeaders,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

export function createSignedFetch(secret: string, timeoutMs: number = CALL_TIMEOUT_MS.service) {
  const agent = new Agent({ connections: 64, keepAliveTimeout: 4_000, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const targets = new Map<string, URL>();
  const signedFetch = async (url: string, init: SignedFetchInit): Promise<SignedResponse> => {
    const headers = { ...(init.headers ?? {}) };
    const body = init.body ?? '';
    const method = init.method ?? 'POST';
    let target = targets.get(url);
    if (!target) {
      target = new URL(url);
      targets.set(url, target);
    }
    const path = target.pathname + target.search;
    const principal = headers[SIGNATURE_HEADERS.principal] ?? '';
    Object.assign(headers, signRequest(secret, { target: init.target, method, path, principal, body }));
    const response = await agent.request({
      origin: target.origin,
      path,
      method: method as 'POST',
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : body,
      signal: init.signal,
    });
    return new SignedResponse(response.statusCode, response.headers, await response.body.text());
  };
  // Closing twice (a stop racing a crash) is fine: the pool is already gone.
  const close = () => (agent.closed || agent.destroyed ? Promise.resolve() : agent.close());
  return Object.assign(signedFetch, { close });
}

export type SignedFetch = ReturnType<typeof createSignedFetch>;

/**
 * One signed fetch per signing secret: first-party parts share the gateway secret, and each partner
 * has its own, so a partner never holds a secret another part believes.
 */
export function createSignedFetches(
  sharedSecret: string,
  partners: readonly { name: string; signingSecret: string }[],
  timeoutMs: number = CALL_TIMEOUT_MS.service,
) {
  const shared = createSignedFetch(sharedSecret, timeoutMs);
  const own = new Map(partners.map((p) => [p.name, createSignedFetch(p.signingSecret, timeoutMs)]));
  return {
    shared,
    /** The fetch that signs requests for this part (a partner's name, or a first-party subgraph's). */
    for: (name: string): SignedFetch => own.get(name) ?? shared,
    close: async () => {
      await shared.close();
      for (const f of own.values()) await f.close();
    },
  };
}

export type SignedFetches = ReturnType<typeof createSignedFetches>;
