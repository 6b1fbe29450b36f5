import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './config.js';
import { refuseReplayedMutations, type RequestNonces } from './request-nonces.js';
import type { SubgraphContext } from './context.js';
import { refuseErasedAccountWrites, type ErasedAccounts } from './erased-accounts.js';
import { ErrorCode, createErrorFormatter, errorBody } from './errors.js';
import { SUBGRAPH_MAX_BODY_BYTES } from './http.js';
import { decodePrincipal } from './principal.js';
import { RequestMemo } from './request-memo.js';
import { SIGNATURE_HEADERS, verifyRequest } from './signing.js';

export interface SubgraphServerOptions {
  /** Which subgraph this is (a first-party part or a registered partner): requests must be signed for it. */
  name: string;
  schema: GraphQLSchema;
  config: Pick<Config, 'nodeEnv' | 'gatewaySecret' | 'signatureMaxAgeMs'>;
  /** Extra public routes (for example /.well-known documents); mounted before /graphql. */
  routes?: (app: Express) => void;
  /** Runs once per signed request, before any resolver (for example recording a GPC signal). */
  beforeRequest?: (context: SubgraphContext) => Promise<void>;
  /** How this part knows an erased customer, whose token then changes nothing here. */
  erasedAccounts?: ErasedAccounts;
  /** Where this part records the nonces of the signed mutations it accepted. */
  nonces: RequestNonces;
}

export interface SubgraphServer {
  app: RequestListener;
  schema: GraphQLSchema;
  apollo: ApolloServer<SubgraphContext>;
  stop(): Promise<void>;
}

/**
 * Builds (without listening) the HTTP app of one subgraph. `/graphql` only accepts requests
 * signed by the gateway; anything else gets UNSIGNED_REQUEST before GraphQL sees it.
 */
export async function createSubgraphServer(options: SubgraphServerOptions): Promise<SubgraphServer> {
  const { config } = options;
  const production = config.nodeEnv === 'production';
  const apollo = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // The entry point drains and closes everything on SIGTERM/SIGINT; Apollo's own handler would
    // re-raise the signal mid-way (exit 143, database left open).
    stopOnTerminationSignals: false,
    formatError: createErrorFormatter({ log: (e) => console.error('[subgraph] unexpected error', e) }),
    // No cache hints are used (personal data is never cacheable), so skip their per-field hooks.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      refuseReplayedMutations(options.nonces),
      ...(options.erasedAccounts ? [refuseErasedAccountWrites(options.erasedAccounts)] : []),
    ],
  });
  await apollo.start();

  // Everything but GraphQL (health, public documents) is an ordinary express app.
  const routes = express();
  routes.disable('x-powered-by');
  routes.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  options.routes?.(routes);
  routes.use((_req: Request, res: Response) => {
    res.status(404).json(errorBody(ErrorCode.NOT_FOUND, 'There is nothing at this address.'));
  });
  routes.use(jsonErrorHandler);

  const graphql = graphqlHandler(apollo, options.name, config, options.beforeRequest);
  // /graphql is served straight from Node's request, without express: it is every request's path.
  const app: RequestListener = (req, res) => {
    if (req.url === GRAPHQL_PATH || req.url?.startsWith(`${GRAPHQL_PATH}?`)) void graphql(req, res);
    else routes(req, res);
  };
  return { app, apollo, schema: options.schema, stop: () => apollo.stop() };
}

const GRAPHQL_PATH = '/graphql';

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Reads the body, refusing more than SUBGRAPH_MAX_BODY_BYTES; null when it was too large (already answered). */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > SUBGRAPH_MAX_BODY_BYTES && !refused) {
        refused = true;
        reply(res, 413, errorBody(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.'));
        req.resume();
        resolve(null);
      } else if (!refused) chunks.push(chunk);
    });
    req.on('end', () => refused || resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * `/graphql`: only POST requests signed by the gateway over their exact body; anything else gets
 * UNSIGNED_REQUEST before GraphQL sees it. Then Apollo Server's own HTTP handling.
 */
function graphqlHandler(
  apollo: ApolloServer<SubgraphContext>,
  name: string,
  config: SubgraphServerOptions['config'],
  beforeRequest: SubgraphServerOptions['beforeRequest'],
) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    try {
      // Apollo would read a GET's operation from the URL, outside what the body signature covers.
      if (req.method !== 'POST') {
        req.resume();
        reply(res, 405, errorBody(ErrorCode.BAD_REQUEST, 'Only POST requests signed by the gateway are accepted here.'));
        return;
      }
      const raw = await readBody(req, res);
      if (raw === null) return;
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const check = verifyRequest(
        config.gatewaySecret,
        {
          timestamp: header(SIGNATURE_HEADERS.timestamp),
          nonce: header(SIGNATURE_HEADERS.nonce),
          principal: header(SIGNATURE_HEADERS.principal),
          signature: header(SIGNATURE_HEADERS.signature),
        },
        { target: name, method: req.method, path: req.url ?? '', body: raw },
        config.signatureMaxAgeMs,
      );
      if (!check.ok) {
        reply(res, 401, errorBody(ErrorCode.UNSIGNED_REQUEST, `Refused: ${check.reason}. Send requests through the gateway.`));
        return;
      }
      let body: unknown;
      try {
        body = raw.length > 0 ? JSON.parse(raw) : {};
      } catch {
        reply(res, 400, errorBody(ErrorCode.BAD_REQUEST, 'The request body is not valid JSON.'));
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const url = req.url ?? '';
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search: url.includes('?') ? url.slice(url.indexOf('?')) : '', body },
        context: async () => {
          const signature = { nonce: check.nonce, validUntil: check.validUntil };
          const context = { principal: decodePrincipal(header(SIGNATURE_HEADERS.principal)), memo: new RequestMemo(), signature };
          await beforeRequest?.(context);
          return context;
        },
      });
      if (answer.body.kind !== 'complete') throw new Error('incremental delivery is not offered');
      const responseHeaders: Record<string, string> = { 'content-length': String(Buffer.byteLength(answer.body.string)) };
      for (const [key, value] of answer.headers) responseHeaders[key] = value;
      res.writeHead(answer.status ?? 200, responseHeaders);
      res.end(answer.body.string);
    } catch (error) {
      console.error('[subgraph] request failed', error);
      if (!res.headersSent) reply(res, 500, errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side.'));
      else res.destroy();
    }
  };
}

function jsonErrorHandler(err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(err);
  if (err.type === 'entity.too.large') {
    res.status(413).json(errorBody(ErrorCode.PAYLOAD_TOO_LARGE, 'The request is too large.'));
    return;
  }
  console.error('[subgraph] request failed', err);
  res.status(500).json(errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Something went wrong on our side.'));
}
