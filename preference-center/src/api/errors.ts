import type { CombinedError } from 'urql';

/** Turns API errors into sentences a person can act on. The API's own messages are written for people. */
const MESSAGES_BY_CODE: Record<string, string> = {
  UNAUTHENTICATED: 'Your sign-in has expired. Please sign in again.',
  FORBIDDEN: 'You are not allowed to do this.',
  GRAPHQL_VALIDATION_FAILED: 'This part of the preference center is not available yet.',
  GRAPHQL_PARSE_FAILED: 'This part of the preference center is not available yet.',
  QUERY_TOO_COMPLEX: 'That request was too large for us to answer. Please try again with less at once.',
  SERVICE_UNAVAILABLE: 'A part of our service did not answer just now, so nothing was changed. Please try again.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on our side. Nothing was changed; please try again.',
};
const NETWORK_MESSAGE = 'We could not reach our service. Check your connection and try again; nothing was changed.';

export function errorCode(error: CombinedError | null | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export function humanMessage(error: CombinedError | Error | null | undefined): string {
  if (!error) return '';
  if (!('graphQLErrors' in error)) return error.message || NETWORK_MESSAGE;
  const first = error.graphQLErrors[0];
  if (!first) return NETWORK_MESSAGE;
  const code = errorCode(error);
  return (code && MESSAGES_BY_CODE[code]) ?? first.message;
}
