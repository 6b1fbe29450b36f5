import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, generateDemoData } from '../../scripts/demo/generate.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { signRequest } from '../../subgraphs/shared/signing.js';
import { encodePrincipal } from '../../subgraphs/shared/principal.js';
import { ConsentDecisionRecord } from '../../subgraphs/consent/entities/consent-decision.entity.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const ME_QUERY = /* GraphQL */ `
  query Me($context: ContextInput) {
    me {
      id
      grantedPurposes
      statedPreferences {
        kind
        value
      }
      recommendations(first: 5, context: $context) {
        decisionId
        personalized
        items {
          itemId
          score
          contributions {
            source
            weight
            purpose
          }
          explanation {
            summary
            reasons {
              kind
              weight
            }
          }
        }
      }
    }
  }
`;

const ANONYMOUS_QUERY = /* GraphQL */ `
  query Anonymous($context: ContextInput) {
    me {
      id
    }
    recommendations(first: 5, context: $context) {
      personalized
      items {
        itemId
        score
        contributions {
          source
          weight
          purpose
        }
      }
    }
  }
`;

describe('the federated graph end to end', () => {
  let stack: TestStack;
  const demo = generateDemoData({ items: 600, customers: 30 });
  const full = demo.customers.find((c) => c.id === DEMO_CUSTOMERS.full)!;

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('answers the README query for a consenting customer with real seeded values', async () => {
    const token = await stack.tokenFor(full.id);
    const result = await stack.graphql(ME_QUERY, {}, { token });
    expect(result.errors).toBeUndefined();
    const me = result.data!.me;
    expect(me.id).toBe(full.id);
    expect([...me.grantedPurposes].sort()).toEqual([Purpose.ESSENTIAL, ...full.granted].sort());
    expect(me.statedPreferences.map((p: { value: string }) => p.value).sort()).toEqual(full.preferences.map((p) => p.value).sort());

    const list = me.recommendations;
    expect(list.items).toHaveLength(5);
    expect(list.personalized).toBe(true);
    const likedCategories = full.preferences.filter((p) => p.kind === 'CATEGORY' && p.sentiment === 'LIKE').map((p) => p.value);
    const catalog = new Map(demo.catalog.map((i) => [i.id, i]));
    // The top item comes from something the customer told us or did, and says so.
    const top = list.items[0];
    const topCategory = catalog.get(top.itemId)!.category;
    const personalCategories = new Set([...likedCategories, ...full.events.map((e) => catalog.get(e.itemId!)?.category)]);
    expect(personalCategories.has(topCategory)).toBe(true);
    for (const item of list.items) {
      const sum = item.contributions.reduce((s: number, c: { weight: number }) => s + c.weight, 0);
      expect(item.score).toBeCloseTo(sum, 6);
      expect(item.explanation.summary.length).toBeGreaterThan(10);
      const reasonSum = item.explanation.reasons.reduce((s: number, r: { weight: number }) => s + r.weight, 0);
      expect(reasonSum).toBeCloseTo(item.score, 6);
    }
    expect(top.contributions.some((c: { purpose: string | null }) => c.purpose === Purpose.STATED || c.purpose === Purpose.BEHAVIORAL)).toBe(true);
  });

  it('gives a customer without personalization consent exactly the anonymous list for the same context', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.none);
    for (const context of [{ surface: 'HOME' }, { surface: 'PRODUCT_PAGE', pageCategory: 'tents', viewedItemIds: ['item-0006', 'item-0036'] }]) {
      const personal = await stack.graphql(ME_QUERY, { context }, { token });
      const anonymous = await stack.graphql(ANONYMOUS_QUERY, { context });
      expect(personal.errors).toBeUndefined();
      expect(anonymous.errors).toBeUndefined();
      expect(anonymous.data!.me).toBeNull();
      const strip = (items: { itemId: string; score: number; contributions: unknown[] }[]) =>
        items.map(({ itemId, score, contributions }) => ({ itemId, score, contributions }));
      expect(personal.data!.me.recommendations.personalized).toBe(false);
      expect(strip(personal.data!.me.recommendations.items)).toEqual(strip(anonymous.data!.recommendations.items));
    }
  });

  it('lets anonymous visitors call the contextual list, with no personal purpose used', async () => {
    const result = await stack.graphql(ANONYMOUS_QUERY, { context: { pageCategory: 'tents' } });
    expect(result.data!.me).toBeNull();
    const items = result.data!.recommendations.items;
    expect(items.length).toBe(5);
    for (const item of items) for (const c of item.contributions) expect(c.purpose).toBeNull();
  });

  it('refuses a direct subgraph call without the gateway signature', async () => {
    const response = await fetch(stack.subgraphs.recommendations.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ recommendations { decisionId } }' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'Refused: the request is not signed by the gateway. Send requests through the gateway.',
          extensions: { code: 'UNSIGNED_REQUEST' },
        },
      ],
    });
  });

  it('refuses forged _entities representations signed with the wrong secret', async () => {
    const body = JSON.stringify({
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { recommendations { items { itemId } } } } }',
      variables: {
        r: [{ __typename: 'Customer', id: full.id, grantedPurposes: Object.values(Purpose), storedSignals: [] }],
      },
    });
    const response = await fetch(stack.subgraphs.recommendations.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signRequest('x'.repeat(40), { target: 'recommendations', method: 'POST', path: '/graphql', principal: '', body }),
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'Refused: the signature does not match the request. Send requests through the gateway.',
          extensions: { code: 'UNSIGNED_REQUEST' },
        },
      ],
    });
  });

  it('refuses a replayed signature once it is too old', async () => {
    const body = JSON.stringify({ query: '{ purposes { id } }' });
    const response = await fetch(stack.subgraphs.consent.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signRequest(
          stack.config.gatewaySecret,
          { target: 'consent', method: 'POST', path: '/graphql', principal: '', body },
          Date.now() - 10 * 60_000,
        ),
      },
      body,
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNSIGNED_REQUEST');
  });

  it('refuses a captured signature used for another method, path or operation', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const signed = signRequest(stack.config.gatewaySecret, { target: 'consent', method: 'POST', path: '/graphql', principal: '', body });
    const asGet = await fetch(`${stack.subgraphs.consent.url}?query=${encodeURIComponent('{ purposes { id } }')}`, {
      method: 'GET',
      headers: signed,
    });
    expect(asGet.status).toBe(405);
    expect(await asGet.json()).toEqual({
      errors: [{ message: 'Only POST requests signed by the gateway are accepted here.', extensions: { code: 'BAD_REQUEST' } }],
    });
    const withQueryString = await fetch(`${stack.subgraphs.consent.url}?extra=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body,
    });
    expect(withQueryString.status).toBe(401);
    const otherBody = await fetch(stack.subgraphs.consent.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body: JSON.stringify({ query: '{ purposes { id } }' }),
    });
    expect(otherBody.status).toBe(401);
    const genuine = await fetch(stack.subgraphs.consent.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body });
    expect(genuine.status).toBe(200);
  });

  it('refuses a signature made for another subgraph', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const signed = signRequest(stack.config.gatewaySecret, { target: 'consent', method: 'POST', path: '/graphql', principal: '', body });
    const send = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body });
    const elsewhere = await send(stack.subgraphs.profile.url);
    expect(elsewhere.status).toBe(401);
    expect(await elsewhere.json()).toEqual({
      errors: [
        {
          message: 'Refused: the signature does not match the request. Send requests through the gateway.',
          extensions: { code: 'UNSIGNED_REQUEST' },
        },
      ],
    });
    expect((await send(stack.subgraphs.consent.url)).status).toBe(200);
  });

  it('records a signed mutation once however often it is replayed within its validity', async () => {
    const customerId = 'cust-010';
    const principal = encodePrincipal({ subject: customerId, role: 'customer', scopes: [], gpc: false });
    const body = JSON.stringify({ query: 'mutation { setConsent(purpose: "analytics", granted: true, noticeVersion: 1) { granted } }' });
    const signed = signRequest(stack.config.gatewaySecret, { target: 'consent', method: 'POST', path: '/graphql', principal, body });
    const ledger = () => stack.subgraphs.consent.dataSource.getRepository(ConsentDecisionRecord).countBy({ customerId, purpose: 'analytics' });
    const before = await ledger();
    const send = async () =>
      (await fetch(stack.subgraphs.consent.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed }, body })).json();
    expect(await send()).toEqual({ data: { setConsent: { granted: true } } });
    for (let replay = 0; replay < 2; replay += 1) {
      expect(await send()).toEqual({
        data: null,
        errors: [
          {
            message: 'Refused: this signed request was already received once. Send requests through the gateway.',
            extensions: { code: 'UNSIGNED_REQUEST' },
          },
        ],
      });
    }
    expect(await ledger()).toBe(before + 1);
  });

  it('rejects an invalid token with UNAUTHENTICATED instead of treating the caller as anonymous', async () => {
    const result = await stack.graphql('{ me { id } }', {}, { token: 'not-a-token' });
    expect(result.status).toBe(401);
    expect(result.errors).toEqual([
      { message: 'Your sign-in has expired or is not valid. Please sign in again.', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
  });

  it('refuses a token with a role we do not know instead of downgrading it', async () => {
    const { jwt } = stack.config;
    const token = await new SignJWT({ role: 'superuser' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('cust-001')
      .setIssuer(jwt.issuer)
      .setAudience(jwt.audience)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(jwt.secret));
    const result = await stack.graphql('{ me { id } }', {}, { token });
    expect(result.status).toBe(401);
    expect(result.errors).toEqual([{ message: 'Your sign-in token carries a role we do not know.', extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  it('issues development tokens only for seeded customers', async () => {
    const response = await fetch(`${stack.gatewayUrl}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'cust-999' }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: [{ message: 'There is no customer "cust-999".', extensions: { code: 'NOT_FOUND' } }] });
  });

  it('never lets clients query storedSignals (it is @inaccessible)', async () => {
    const token = await stack.tokenFor(full.id);
    const result = await stack.graphql('{ me { storedSignals { kind } } }', {}, { token });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('refuses queries past the depth limit with QUERY_TOO_COMPLEX', async () => {
    const nested = (levels: number) => `{ __schema { types { fields { type { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } } } }`;
    expect((await stack.graphql(nested(7))).errors).toBeUndefined(); // 12 levels: the limit
    const tooDeep = await stack.graphql(nested(8));
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.errors).toEqual([
      {
        message: 'This query is nested 13 levels deep; the limit is 12. Ask for less at once.',
        extensions: { code: 'QUERY_TOO_COMPLEX', depth: 13, aliases: 0, cost: 13 },
      },
    ]);
  });

  it('refuses queries with too many aliases with QUERY_TOO_COMPLEX', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: purposes { id }`).join(' ')} }`;
    const result = await stack.graphql(aliases);
    expect(result.status).toBe(400);
    expect(result.errors).toEqual([
      {
        message: 'This query uses 31 aliases; the limit is 30. Ask for less at once.',
        extensions: { code: 'QUERY_TOO_COMPLEX', depth: 2, aliases: 31, cost: 62 },
      },
    ]);
  });
});
