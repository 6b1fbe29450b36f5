import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { ErrorCode } from '../subgraphs/shared/errors.js';
import { encodePrincipal, type Principal } from '../subgraphs/shared/principal.js';
import type { SignedFetch } from '../subgraphs/shared/signed-fetch.js';
import { SIGNATURE_HEADERS } from '../subgraphs/shared/signing.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { mergeEntityAnswers, splitRepresentations } from './entity-batches.js';

export interface GatewayContext {
  principal: Principal;
  /** Where the request came from (rate limits); never sent to a part. */
  clientAddress: string;
}

/** Carries a call's id from `process` to the fetcher; never sent. */
const CALL_HEADER = 'x-gateway-call';

/**
 * How long the gateway waits for a part: reads are short; writes may fan out (erasure, withdrawal);
 * the staff reports read a whole window (a month of lists and events).
 */
export const PART_TIMEOUT_MS = { read: 2_000, write: 20_000, report: 20_000 } as const;
const STAFF_REPORT = /\b(experimentReport|overrideReport|discoveryAudit)\b/;

/**
 * Sends each subgraph fetch with the verified principal, signed over the exact body. A part that
 * does not answer in time, or whose breaker is open, yields an error naming the part in words (no
 * address) and the rest of the answer still comes back.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly breaker = new CircuitBreaker();

  /**
   * The deadlines of calls under way, by a call id the request carries to the fetcher in a header
   * that is removed before sending (Apollo's fetcher receives only the request). Not
   * AsyncLocalStorage: on Node 20 it slows every promise of the process.
   */
  private readonly deadlines = new Map<string, AbortSignal>();
  private readonly calls = new WeakMap<object, string>();
  private nextCall = 0;

  constructor(
    url: string,
    signedFetch: SignedFetch,
    /** The subgraph's name, which its requests are signed for. */
    target: string,
    private readonly partName: string,
    /** For a partner: the purposes it is registered for; the grants it is handed are cut to them. */
    private readonly partnerPurposes: readonly string[] | null = null,
  ) {
    const fetcher = (url: string, init: Omit<Parameters<SignedFetch>[1], 'target'>) => {
      const { [CALL_HEADER]: call, ...headers } = init.headers ?? {};
      return signedFetch(url, { ...init, target, headers, signal: call === undefined ? undefined : this.deadlines.get(call) });
    };
    super({ url, fetcher: fetcher as never });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const principal = 'principal' in context && context.principal ? (context.principal as Principal) : undefined;
    if (principal) request.http?.headers.set(SIGNATURE_HEADERS.principal, encodePrincipal(principal));
    const call = this.calls.get(request);
    if (call !== undefined) request.http?.headers.set(CALL_HEADER, call);
    if (this.partnerPurposes) request.variables = grantsWithin(request.variables, this.partnerPurposes);
  }

  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const groups = splitRepresentations(request.variables?.representations);
    if (!groups) return this.processOne(options);
    // One part after another, each with its own deadline: parts sent at once would share the
    // subgraph's CPU and could all miss theirs.
    const answers: GatewayGraphQLResponse[] = [];
    for (const representations of groups) {
      // Apollo's `process` replaces `request.http` with its own copy: each part gets its own request.
      answers.push(await this.processOne({ ...options, request: { ...request, variables: { ...request.variables, representations } } }));
    }
    return mergeEntityAnswers(groups, answers);
  }

  private async processOne(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!this.breaker.allow()) return this.unavailable();
    const query = options.request.query ?? '';
    const write = /^\s*mutation\b/.test(query);
    // A plain controller and timer: AbortSignal.timeout builds a transferable signal per call.
    const deadline = new AbortController();
    const limit = write ? PART_TIMEOUT_MS.write : STAFF_REPORT.test(query) ? PART_TIMEOUT_MS.report : PART_TIMEOUT_MS.read;
    const timer = setTimeout(() => deadline.abort(new Error('the deadline passed')), limit);
    const call = String(this.nextCall++);
    this.deadlines.set(call, deadline.signal);
    this.calls.set(options.request, call);
    try {
      const response = await super.process(options);
      this.breaker.succeeded();
      return response;
    } catch (error) {
      this.breaker.failed();
      console.error(`[gateway] ${this.partName} did not answer`, (error as Error).message);
      return this.unavailable();
    } finally {
      clearTimeout(timer);
      this.deadlines.delete(call);
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

/**
 * A partner learns of a customer's grants only those in its scope: `grantedPurposes` in the
 * representations it is handed (from `@requires`) keeps just the purposes it is registered for.
 */
export function grantsWithin(variables: Record<string, unknown> | undefined, purposes: readonly string[]): Record<string, unknown> | undefined {
  const representations = variables?.representations;
  if (!Array.isArray(representations)) return variables;
  return {
    ...variables,
    representations: representations.map((r: Record<string, unknown>) =>
      Array.isArray(r?.grantedPurposes) ? { ...r, grantedPurposes: r.grantedPurposes.filter((p) => purposes.includes(p as string)) } : r,
    ),
  };
}
