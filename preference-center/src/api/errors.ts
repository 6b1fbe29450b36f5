import type { CombinedError } from 'urql';
import type { Strings } from '../i18n/locale.js';

/** Turns API errors into sentences a person can act on: known codes in the chosen language, else the API's own message (English). */
export function errorCode(error: CombinedError | null | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions?.code;
  return typeof code === 'string' ? code : undefined;
}

export function humanMessage(error: CombinedError | Error | null | undefined, t: Strings): string {
  if (!error) return '';
  if (!('graphQLErrors' in error)) return error.message || t.errors.network;
  const first = error.graphQLErrors[0];
  if (!first) return t.errors.network;
  const code = errorCode(error);
  return (code && (t.errors as Record<string, string>)[code]) || first.message;
}
