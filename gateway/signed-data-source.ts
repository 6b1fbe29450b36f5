import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { ErrorCode } from '../subgraphs/shared/errors.js';
import { encodePrincipal, type Principal } from '../subgraphs/shared/principal.js';
import type { SignedFetch } from '../subgraphs/shared/signed-fetch.js';
import { SIGNATURE_HEADERS } from '../subgraphs/shared/signing.js';
import { CircuitBreaker } from './circuit-breaker.js';

export interface GatewayContext {
  principal: Principal;
}

/** How long the gateway waits for a part: reads are short; writes may fan out (erasure, withdrawal). */
export const PART_TIMEOUT_MS = { read: 2_000, write: 20_000 } as const;

/**
 * Sends each subgraph fetch with the verified principal, signed over the exact body. A part that
 * does not answer in time, or whose breaker is open, yields an error naming the part in words (no
 * address) and the rest of the answer still comes back.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly breaker = new CircuitBreaker();

  /** The deadline of the call under way (the gateway's fetcher has no other way to receive it). */
  private static readonly deadline = new AsyncLocalStorage<AbortSignal>();

  constructor(
    url: string,
    signedFetch: SignedFetch,
    private readonly partName: string,
  ) {
    const fetcher = (target: string, init: Parameters<SignedFetch>[1]) =>
      signedFetch(target, { ...init, signal: SignedDataSource.deadline.getStore() });
    super({ url, fetcher: fetcher as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const principal = 'principal' in context && context.principal ? (context.principal as Principal) : undefined;
    if (principal) request.http?.headers.set(SIGNATURE_HEADERS.principal, encodePrincipal(principal));
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!this.breaker.allow()) return this.unavailable();
    const write = /^\s*mutation\b/.test(options.request.query ?? '');
    // A plain controller and timer: AbortSignal.timeout builds a transferable signal per call.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('the deadline passed')), write ? PART_TIMEOUT_MS.write : PART_TIMEOUT_MS.read);
    try {
      const response = await SignedDataSource.deadline.run(deadline.signal, () => super.process(options));
      this.breaker.succeeded();
      return response;
    } catch (error) {
      this.breaker.failed();
      console.error(`[gateway] ${this.partName} did not answer`, (error as Error).message);
      return this.unavailable();
    } finally {
      clearTimeout(timer);
    }
  }

  private unavailable(): GatewayGraphQLResponse {
    return {
      errors: [
        {
          message: `Our ${this.partName} did not answer just now, so that part is missing from this answer. Please try again in a moment.`,
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
        },
      ],
    } as GatewayGraphQLResponse;
  }
}
