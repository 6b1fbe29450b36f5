import { HeaderMap, type GraphQLResponse } from '@apollo/server';
import type { ErrorCode } from './errors.js';

/** An Apollo plugin's answer that stops an operation before any resolver runs: one coded error, HTTP 200. */
export function refusal(code: ErrorCode, message: string): GraphQLResponse {
  return {
    http: { status: 200, headers: new HeaderMap() },
    body: { kind: 'single', singleResult: { data: null, errors: [{ message, extensions: { code } }] } },
  };
}
