import { auditServer, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../helpers/stack.js';

/**
 * The warnings the README's "GraphQL over HTTP conformance" section justifies: a request that fails
 * to parse, validate or coerce its variables is the client's mistake and gets a 4xx, also under
 * `Accept: application/json` (where the spec suggests 200).
 */
const JUSTIFIED_WARNINGS = ['572B', 'FDE2', '7B9B'];

describe('the GraphQL over HTTP audit (graphql-http) against the gateway', () => {
  let stack: TestStack;
  let results: AuditResult[];
  beforeAll(async () => {
    stack = await startTestStack({ seed: { items: 60, customers: 3 } });
    results = await auditServer({ url: `${stack.gatewayUrl}/graphql` });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('passes with no errors, and only the warnings the README justifies', () => {
    const failed = (status: string) =>
      results.filter((r) => r.status === status).map((r) => ('reason' in r ? `${r.id} ${r.name}: ${r.reason}` : r.id));
    console.log(
      `graphql-http audit: ${results.filter((r) => r.status === 'ok').length} of ${results.length} ok, ${failed('error').length} errors, ${failed('warn').length} warnings, ${failed('notice').length} notices`,
    );
    expect(failed('error')).toEqual([]);
    expect(results.filter((r) => r.status === 'warn').map((r) => r.id)).toEqual(JUSTIFIED_WARNINGS);
  });
});
