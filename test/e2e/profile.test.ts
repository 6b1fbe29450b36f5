import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { EventSourceRecord } from '../../subgraphs/profile/entities/event-source.entity.js';
import { EventRecord } from '../../subgraphs/profile/entities/event.entity.js';
import type { ProfileServices } from '../../subgraphs/profile/schema.js';
import { TrainingInteractionRecord } from '../../subgraphs/recommendations/entities/training-interaction.entity.js';
import { ManualClock } from '../../subgraphs/shared/clock.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { allRows, tableNames } from '../helpers/database.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const DAY = 86_400_000;
const now = new Date('2026-11-01T12:00:00.000Z');
const ADD = 'mutation ($input: StatedPreferenceInput!) { addStatedPreference(input: $input) { id kind value sentiment weight noticeVersion } }';
const RECORD =
  'mutation ($events: [EventInput!]!) { recordEvents(events: $events) { accepted duplicates dropped droppedPurposes rejected { clientEventId reason } } }';
const MERGE =
  'mutation ($events: [EventInput!]!) { mergeAnonymousSession(events: $events) { accepted duplicates dropped droppedPurposes rejected { clientEventId reason } } }';

const event = (clientEventId: string, type: string, extra: Record<string, unknown> = {}) => ({
  clientEventId,
  type,
  itemId: 'item-0006',
  channel: 'web',
  source: 'web-shop',
  occurredAt: now.toISOString(),
  ...extra,
});

describe('profile through the gateway', () => {
  let stack: TestStack;
  let profile: ProfileServices;
  const clock = new ManualClock(now);
  const storedEvents = (customerId: string) =>
    stack.subgraphs.profile.dataSource.getRepository(EventRecord).find({ where: { customerId }, order: { seq: 'ASC' } });

  beforeAll(async () => {
    stack = await startTestStack({ clock });
    profile = stack.subgraphs.profile.services as ProfileServices;
    await stack.subgraphs.profile.dataSource
      .getRepository(EventSourceRecord)
      .save({ id: 'ad-network', description: 'A partner ad network', firstParty: false });
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('stated preferences', () => {
    it('with replace: false, refuses to overwrite a different preference for the same value and names the one stored', async () => {
      const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
      const add =
        'mutation ($input: StatedPreferenceInput!, $replace: Boolean) { addStatedPreference(input: $input, replace: $replace) { id sentiment } }';
      const like = { kind: 'BRAND', value: 'Crimpworks', sentiment: 'LIKE', weight: 1 };
      const first = await stack.graphql(add, { input: like, replace: true }, { token });
      expect(first.errors).toBeUndefined();
      // The same preference again is answered as it is (a retry is harmless).
      expect((await stack.graphql(add, { input: like, replace: false }, { token })).data!.addStatedPreference).toEqual(
        first.data!.addStatedPreference,
      );
      const refused = await stack.graphql(add, { input: { ...like, sentiment: 'DISLIKE' }, replace: false }, { token });
      expect(refused.errors?.[0]).toMatchObject({
        message: 'You already have a preference for crimpworks; nothing was changed.',
        extensions: {
          code: 'CONFLICT',
          existing: { id: first.data!.addStatedPreference.id, kind: 'BRAND', value: 'crimpworks', sentiment: 'LIKE', weight: 1 },
        },
      });
      const replaced = await stack.graphql(add, { input: { ...like, sentiment: 'DISLIKE' }, replace: true }, { token });
      expect(replaced.data!.addStatedPreference).toEqual({ id: first.data!.addStatedPreference.id, sentiment: 'DISLIKE' });
    });

    it('keeps a preference the catalog knows, in its normalized form', async () => {
      const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
      const result = await stack.graphql(ADD, { input: { kind: 'BRAND', value: 'Northwind', sentiment: 'LIKE', weight: 2 } }, { token });
      expect(result.errors).toBeUndefined();
      expect(result.data!.addStatedPreference).toEqual({
        id: expect.any(String),
        kind: 'BRAND',
        value: 'northwind',
        sentiment: 'LIKE',
        weight: 2,
        noticeVersion: 1,
      });
    });

    it('refuses values the catalog does not know, with suggestions', async () => {
      const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
      const result = await stack.graphql(ADD, { input: { kind: 'CATEGORY', value: 'tnets', sentiment: 'LIKE' } }, { token });
      expect(result.errors).toEqual([
        {
          message: 'We do not sell anything with the category "tnets". Did you mean "tents"?',
          path: ['addStatedPreference'],
          extensions: { code: 'BAD_USER_INPUT', field: 'value', suggestions: ['tents'] },
        },
      ]);
      const unknown = await stack.graphql(ADD, { input: { kind: 'ATTRIBUTE', value: 'zzzzzzzz', sentiment: 'DISLIKE' } }, { token });
      expect(unknown.errors![0].message).toBe('We do not sell anything with the attribute "zzzzzzzz".');
      expect(unknown.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'value', suggestions: [] });
    });

    it('keeps nothing without personalization.stated, and says why', async () => {
      const token = await stack.tokenFor(DEMO_CUSTOMERS.none);
      const result = await stack.graphql(ADD, { input: { kind: 'CATEGORY', value: 'tents', sentiment: 'LIKE' } }, { token });
      expect(result.errors).toEqual([
        {
          message: 'We did not keep this: turn on "Recommendations from what you tell us" first, so we may store your preferences.',
          path: ['addStatedPreference'],
          extensions: { code: 'CONSENT_REQUIRED', purpose: Purpose.STATED },
        },
      ]);
      expect(await profile.preferences.list(DEMO_CUSTOMERS.none)).toEqual([]);
    });
  });

  describe('recordEvents', () => {
    it('stores granted first-party events once, and accounts for every other one with a reason', async () => {
      const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
      const before = (await storedEvents(DEMO_CUSTOMERS.full)).length;
      const events = [
        event('e2e-1', 'VIEW'),
        event('e2e-1', 'VIEW'),
        event('e2e-2', 'PURCHASE', { locale: 'de-DE' }),
        event('e2e-3', 'VIEW', { source: 'ad-network' }),
        event('e2e-4', 'VIEW', { source: 'somebody-else' }),
        event('e2e-5', 'RATING', { value: '9' }),
        event('e2e-6', 'VIEW', { locale: 'German' }),
      ];
      const result = await stack.graphql(RECORD, { events }, { token });
      expect(result).toEqual({
        status: 200,
        data: {
          recordEvents: {
            accepted: 2,
            duplicates: 1,
            dropped: 0,
            droppedPurposes: [],
            rejected: [
              { clientEventId: 'e2e-3', reason: '"ad-network" is a third-party source; we only collect what you do with us' },
              {
                clientEventId: 'e2e-4',
                reason:
                  '"somebody-else" is not a registered source; events from unknown sources are refused (ours: email, mobile-app, store-pos, web-shop)',
              },
              { clientEventId: 'e2e-5', reason: 'a RATING needs value "1" to "5"' },
              { clientEventId: 'e2e-6', reason: 'locale must be a language, optionally with a region, like "de-DE"' },
            ],
          },
        },
      });
      const replay = await stack.graphql(RECORD, { events: events.slice(0, 3) }, { token });
      expect(replay.data!.recordEvents).toMatchObject({ accepted: 0, duplicates: 3, dropped: 0 });
      const stored = await storedEvents(DEMO_CUSTOMERS.full);
      expect(stored.length).toBe(before + 2);
      expect(stored.slice(-2).map((e) => [e.clientEventId, e.type, e.purpose, e.locale])).toEqual([
        ['e2e-1', 'VIEW', Purpose.BEHAVIORAL, null],
        ['e2e-2', 'PURCHASE', Purpose.PURCHASE, 'de-DE'],
      ]);
      // Forwarded for model training with its locale (the customer granted model.training), through
      // profile's outbox: relay it now rather than racing the relay kicked after the commit.
      await profile.outbox.relay();
      expect(await profile.outbox.backlog()).toEqual({ pending: 0, dead: 0 });
      const trained = await stack.subgraphs.recommendations.dataSource
        .getRepository(TrainingInteractionRecord)
        .find({ select: { locale: true }, where: { clientEventId: 'e2e-2' } });
      expect(trained).toEqual([{ locale: 'de-DE' }]);
    });

    it('rejects events with an odd value, time, item or channel, each with its reason, storing none of them', async () => {
      const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
      const before = (await storedEvents(DEMO_CUSTOMERS.full)).length;
      const odd: [string, Record<string, unknown>, string][] = [
        ['odd-1', { value: 'x'.repeat(400_000) }, 'a VIEW carries no value'],
        ['odd-2', { type: 'PURCHASE', value: 'anything' }, 'a PURCHASE carries no value'],
        ['odd-3', { type: 'DISMISS', value: 'y'.repeat(65) }, 'a DISMISS reason in value is up to 64 characters'],
        ['odd-4', { occurredAt: '0001-01-01T00:00:00Z' }, 'occurredAt is more than 10 years ago'],
        ['odd-5', { occurredAt: '12/31/2025' }, 'occurredAt must be an ISO 8601 time with a zone, like 2026-11-01T12:00:00Z'],
        ['odd-6', { occurredAt: '2026-02-31T10:00:00Z' }, 'occurredAt must be an ISO 8601 time with a zone, like 2026-11-01T12:00:00Z'],
        ['odd-7', { occurredAt: '2026-10-31T10:00:00' }, 'occurredAt must be an ISO 8601 time with a zone, like 2026-11-01T12:00:00Z'],
        ['odd-8', { itemId: 'item-999999' }, '"item-999999" is not an item in our catalog'],
        ['odd-9', { itemId: '<script>' }, 'a VIEW needs an itemId (up to 64 letters, digits, ".", "_", ":" or "-")'],
        ['odd-10', { type: 'SEARCH', value: 'tents' }, 'a SEARCH carries no itemId'],
        ['odd-11', { channel: 'web\nshop' }, 'channel must be 1 to 24 letters, digits, ".", "_", ":" or "-"'],
        ['odd 12', {}, 'clientEventId must be 1 to 64 letters, digits, ".", "_", ":" or "-"'],
      ];
      const result = await stack.graphql(
        RECORD,
        { events: [...odd.map(([id, extra]) => event(id, 'VIEW', extra)), event('fine-1', 'VIEW')] },
        { token },
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.recordEvents).toMatchObject({ accepted: 1, rejected: odd.map(([clientEventId, , reason]) => ({ clientEventId, reason })) });
      expect((await storedEvents(DEMO_CUSTOMERS.full)).map((e) => e.clientEventId).slice(before)).toEqual(['fine-1']);
    });

    it('drops events whose purpose is not granted, never storing them', async () => {
      const token = await stack.tokenFor(DEMO_CUSTOMERS.statedOnly);
      const result = await stack.graphql(
        RECORD,
        { events: [event('s-1', 'VIEW'), event('s-2', 'PURCHASE'), event('s-3', 'SEARCH', { itemId: null, value: 'tent' })] },
        { token },
      );
      expect(result.data!.recordEvents).toEqual({
        accepted: 0,
        duplicates: 0,
        dropped: 3,
        droppedPurposes: [Purpose.BEHAVIORAL, Purpose.PURCHASE],
        rejected: [],
      });
      expect(await storedEvents(DEMO_CUSTOMERS.statedOnly)).toEqual([]);
    });
  });

  describe('mergeAnonymousSession', () => {
    it('carries over only what the account has granted', async () => {
      const session = [event('anon-1', 'VIEW', { itemId: 'item-0100' }), event('anon-2', 'PURCHASE', { itemId: 'item-0101' })];
      const stated = await stack.graphql(MERGE, { events: session }, { token: await stack.tokenFor(DEMO_CUSTOMERS.statedOnly) });
      expect(stated.data!.mergeAnonymousSession).toEqual({
        accepted: 0,
        duplicates: 0,
        dropped: 2,
        droppedPurposes: [Purpose.BEHAVIORAL, Purpose.PURCHASE],
        rejected: [],
      });
      expect(await storedEvents(DEMO_CUSTOMERS.statedOnly)).toEqual([]);

      const full = await stack.graphql(MERGE, { events: session }, { token: await stack.tokenFor(DEMO_CUSTOMERS.full) });
      expect(full.data!.mergeAnonymousSession).toMatchObject({ accepted: 2, dropped: 0 });
      const again = await stack.graphql(MERGE, { events: session }, { token: await stack.tokenFor(DEMO_CUSTOMERS.full) });
      expect(again.data!.mergeAnonymousSession).toMatchObject({ accepted: 0, duplicates: 2 });
    });

    it('needs a signed-in customer', async () => {
      const result = await stack.graphql(MERGE, { events: [event('anon-3', 'VIEW')] });
      expect(result.errors).toEqual([{ message: 'Please sign in first.', path: ['mergeAnonymousSession'], extensions: { code: 'UNAUTHENTICATED' } }]);
    });
  });

  it('never stores request context anywhere in profile', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
    const context = { device: 'ctx-device-zq9w', locale: 'ctx-locale-zq9w', pageCategory: 'tents', viewedItemIds: ['item-0042'] };
    const result = await stack.graphql(
      'query ($c: ContextInput) { me { signals { used { kind } } recommendations(context: $c, first: 3) { decisionId } } }',
      { c: context },
      { token },
    );
    expect(result.errors).toBeUndefined();
    const db = stack.subgraphs.profile.dataSource;
    for (const name of await tableNames(db)) {
      const rows = await allRows(db, name);
      expect(
        rows.filter((r) => JSON.stringify(r).includes('zq9w')),
        name,
      ).toEqual([]);
    }
  });

  it('purges events past their purpose retention window, per purpose', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
    const daysAgo = (d: number) => new Date(now.getTime() - d * DAY).toISOString();
    // personalization.behavioral keeps 180 days, personalization.purchase 730.
    await stack.graphql(
      RECORD,
      { events: [event('ret-view', 'VIEW', { occurredAt: daysAgo(179) }), event('ret-buy', 'PURCHASE', { occurredAt: daysAgo(179) })] },
      { token },
    );
    const ids = async () => (await storedEvents(DEMO_CUSTOMERS.full)).map((e) => e.clientEventId).filter((id) => id.startsWith('ret-'));
    await profile.retention.sweep();
    expect(await ids()).toEqual(['ret-view', 'ret-buy']);

    clock.advance(2 * DAY);
    const purged = await profile.retention.sweep();
    expect(await ids()).toEqual(['ret-buy']);
    expect(purged).toContainEqual({ purpose: Purpose.BEHAVIORAL, count: expect.any(Number) });
    expect(purged.some((p) => p.purpose === Purpose.PURCHASE)).toBe(false);
    const behavioral = (await storedEvents(DEMO_CUSTOMERS.full)).filter((e) => e.purpose === Purpose.BEHAVIORAL);
    const cutoff = new Date(clock.now().getTime() - 180 * DAY).toISOString();
    expect(behavioral.every((e) => e.occurredAt >= cutoff)).toBe(true);
    clock.set(now);
  });
});
