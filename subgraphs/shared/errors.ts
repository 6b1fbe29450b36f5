import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The one enum every client-visible error code comes from (gateway and subgraphs alike).
 * Names that Apollo Server itself emits are included so that its own errors also match.
 */
export enum ErrorCode {
  // Request shape (Apollo Server's own codes).
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
  BAD_REQUEST = 'BAD_REQUEST',
  OPERATION_RESOLUTION_FAILURE = 'OPERATION_RESOLUTION_FAILURE',
  PERSISTED_QUERY_NOT_FOUND = 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED = 'PERSISTED_QUERY_NOT_SUPPORTED',
  // Input and rules.
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  NOTICE_OUTDATED = 'NOTICE_OUTDATED',
  // Identity and access.
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  UNSIGNED_REQUEST = 'UNSIGNED_REQUEST',
  // Limits.
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** Too many requests from one identity or address; the answer carries Retry-After. */
  RATE_LIMITED = 'RATE_LIMITED',
  // Ours to fix.
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));

/** An error meant for the client: a code from the enum and a message a person understands. */
export class AppError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message, { extensions: { code, ...details } });
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) => new AppError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (message: string) => new AppError(ErrorCode.NOT_FOUND, message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = 'Please sign in first.') => new AppError(ErrorCode.UNAUTHENTICATED, message);

const INTERNAL_MESSAGE = 'Something went wrong on our side. Nothing was changed; please try again.';

/**
 * Apollo `formatError`: keeps errors that carry one of our codes, and replaces anything else
 * (driver errors, bugs) with a plain internal error, logged on the server. Stack traces never
 * leave the server.
 */
export function createErrorFormatter(options: { log?: (e: unknown) => void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    // Apollo re-labels errors raised by validation rules; keep the code our rule chose.
    const original = (error as { originalError?: unknown } | undefined)?.originalError;
    const code = original instanceof AppError ? original.extensions.code : formatted.extensions?.code;
    // Apollo labels every uncoded error INTERNAL_SERVER_ERROR before this runs, message and all
    // (a driver's "duplicate key value violates…"): such a message is never passed on.
    const ours = original instanceof AppError || error instanceof AppError;
    if (typeof code === 'string' && KNOWN_CODES.has(code) && (code !== ErrorCode.INTERNAL_SERVER_ERROR || ours)) {
      // The gateway adds the subgraph's name; clients need not know how the graph is split.
      const { stacktrace: _stack, exception: _exception, serviceName: _service, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    options.log?.(error);
    return {
      message: INTERNAL_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/** For HTTP endpoints outside GraphQL: the same shape as a GraphQL error response. */
export function errorBody(code: ErrorCode, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}
