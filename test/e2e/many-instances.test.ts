import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../scripts/demo/generate.js';
import { ConsentDecisionRecord } from '../../subgraphs/consent/entities/consent-decision.entity.js';
import { ReceiptRecord } from '../../subgraphs/consent/entities/receipt.entity.js';
import type { ConsentServices } from '../../subgraphs/consent/schema.js';
import { verifyReceipt } from '../../subgraphs/consent/services/receipt-signer.js';
import { EventRecord } from '../../subgraphs/profile/entities/event.entity.js';
import { StatedPreferenceRecord } from '../../subgraphs/profile/entities/stated-preference.entity.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';
import { startCluster, type Cluster } from '../helpers/cluster.js';
import { postgresForTest } from '../helpers/postgres.js';

const database = await postgresForTest();
if ('unavailable' in database) console.warn(`[many-instances.test] skipped: ${database.unavailable}`);

const SEED = { items: 200, customers: 16 };
const demo = generateDemoData(SEED);
/** Customers who keep `personalization.stated` and behavioral on throughout (the consent writes below touch other purposes). */
const writers = demo.customers.filter((c) => c.granted.includes(Purpose.STATED) && c.granted.includes(Purpose.BEHAVIORAL)).slice(0, 6);
const categories = [...new Set(demo.catalog.map((i) => i.category))].slice(0, 10);
const TOGGLED = [Purpose.ANALYTICS, Purpose.MARKETING_EMAIL, Purpose.MARKETING_PUSH];

const SET = `mutation ($p: String!, $g: Boolean!, $k: String) {
  setConsent(purpose: $p, granted: $g, noticeVersion: 1, idempotencyKey: $k) { purpose granted receipt { receiptId keyId document signature } }
}`;
const ADD = 'mutation ($input: StatedPreferenceInput!) { addStatedPreference(input: $input) { id kind value } }';
const RECORD = 'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted duplicates dropped rejected { reason } } }';
const RAW_DRIVER = /duplicate key|violates|constraint|SQLITE|QueryFailed|relation "|syntax error/i;

interface Answer {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe.skipIf('unavailable' in database)('two instances of every part and two gateways on one PostgreSQL database', () => {
  let cluster: Cluster;
  const tokens = new Map<string, string>();
  const answers: Answer[] = [];

  let sent = 0;
  let killAt = Infinity;
  let killed: Promise<unknown> = Promise.resolve();
  const post = async (gateway: number, query: string, variables: Record<string, unknown>, customerId: string): Promise<Answer> => {
    // Mid-stream: half-way through, the next request each of these instances receives is cut by its crash.
    if ((sent += 1) === killAt) killed = Promise.all([cluster.crashMidRequest('consent', 1), cluster.crashMidRequest('profile', 0)]);
    try {
      const response = await fetch(`${cluster.gatewayUrls[gateway % cluster.gatewayUrls.length]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(customerId)}` },
        body: JSON.stringify({ query, variables }),
      });
      const answer = (await response.json()) as Answer;
      answers.push(answer);
      return answer;
    } catch (error) {
      return { errors: [{ message: `no answer: ${(error as Error).message}` }] };
    }
  };

  /** Sends one request to both gateways at once (a client retrying on the other), and again until one is acknowledged. */
  const raced = async (query: string, variables: Record<string, unknown>, customerId: string, field: string, seen: unknown[] = []) => {
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const both = await Promise.all([0, 1].map((g) => post(g + attempt, query, variables, customerId)));
      for (const answer of both) if (answer.data?.[field]) seen.push(answer.data[field]);
      const acknowledged = both.find((a) => a.data?.[field]);
      if (acknowledged) return acknowledged.data![field];
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return null;
  };

  beforeAll(async () => {
    if (!('url' in database)) return;
    cluster = await startCluster({ databaseUrl: database.url, count: 2, seed: SEED });
    for (const c of writers) {
      const response = await fetch(`${cluster.gatewayUrls[0]}/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customerId: c.id }),
      });
      tokens.set(c.id, ((await response.json()) as { token: string }).token);
    }
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    if ('release' in database) await database.release();
  });

  it('racing writes through both gateways, an instance of consent and of profile killed mid-stream: nothing acknowledged lost, nothing twice, no driver message', async () => {
    const consentKeys = new Map<string, string>(); // key → customer, acknowledged
    const preferences = new Set<string>(); // customer|category, acknowledged
    let preferenceWrites = 0;
    const eventIds = new Map<string, string>(); // clientEventId → customer, acknowledged
    let writes = 0;
    let retriesAnsweredDifferently = 0;
    const rounds = 24;
    killAt = (rounds * writers.length * 3 * 2) / 2;
    for (let round = 0; round < rounds; round += 1) {
      await Promise.all(
        writers.map(async (c, i) => {
          const key = randomUUID();
          const seen: { receipt: { receiptId: string } | null }[] = [];
          const consent = await raced(SET, { p: TOGGLED[(round + i) % TOGGLED.length], g: round % 2 === 0, k: key }, c.id, 'setConsent', seen);
          writes += 1;
          if (consent) consentKeys.set(key, c.id);
          // Every answer to the same key, racing or retried, names the one first receipt.
          if (new Set(seen.map((a) => a.receipt?.receiptId)).size > 1) retriesAnsweredDifferently += 1;

          const category = categories[(round + i) % categories.length];
          const preference = await raced(ADD, { input: { kind: 'CATEGORY', value: category, sentiment: 'LIKE' } }, c.id, 'addStatedPreference');
          writes += 1;
          if (preference) {
            preferences.add(`${c.id}|${category}`);
            preferenceWrites += 1;
          }

          const clientEventId = `mi-${round}-${i}`;
          const event = {
            clientEventId,
            type: 'VIEW',
            itemId: demo.catalog[(round * 7 + i) % demo.catalog.length].id,
            channel: 'web',
            source: 'web-shop',
            occurredAt: new Date().toISOString(),
          };
          const ingest = await raced(RECORD, { e: [event] }, c.id, 'recordEvents');
          writes += 1;
          if (ingest && ingest.accepted + ingest.duplicates === 1) eventIds.set(clientEventId, c.id);
        }),
      );
    }

    await killed;
    const consent = cluster.instances.consent[0].module as unknown as {
      dataSource: Cluster['instances']['consent'][0]['module']['dataSource'];
      services: ConsentServices;
    };
    const profileDb = cluster.instances.profile[1].module.dataSource;

    // Consent: every acknowledged key has exactly one receipt and one decision.
    const receipts = await consent.dataSource.getRepository(ReceiptRecord).findBy({ idempotencyKey: In([...consentKeys.keys()]) });
    const decisions = await consent.dataSource.getRepository(ConsentDecisionRecord).findBy({ receiptId: In(receipts.map((r) => r.receiptId)) });
    const consentLost = consentKeys.size - new Set(receipts.map((r) => r.idempotencyKey)).size;
    const consentDuplicates = receipts.length - new Set(receipts.map((r) => r.idempotencyKey)).size + (decisions.length - receipts.length);

    // Profile: every acknowledged preference and event is there, once.
    const prefs = await profileDb
      .getRepository(StatedPreferenceRecord)
      .findBy({ customerId: In(writers.map((w) => w.id)), kind: 'CATEGORY', value: In(categories) });
    const prefKeys = prefs.map((p) => `${p.customerId}|${p.value}`);
    const preferencesLost = [...preferences].filter((k) => !prefKeys.includes(k)).length;
    const preferenceDuplicates = prefKeys.length - new Set(prefKeys).size;
    const events = await profileDb.getRepository(EventRecord).findBy({ clientEventId: In([...eventIds.keys()]) });
    const eventsLost = eventIds.size - new Set(events.map((e) => e.clientEventId)).size;
    const eventDuplicates = events.length - new Set(events.map((e) => `${e.customerId}|${e.clientEventId}`)).size;

    const driverMessages = answers.flatMap((a) => a.errors ?? []).filter((e) => RAW_DRIVER.test(e.message));
    const codes = answers.flatMap((a) => a.errors ?? []).map((e) => e.extensions?.code);
    const published = await consent.services.signer.published();
    const issued = receipts.filter((r) => r.status === 'ISSUED');
    const unverifiable = issued.filter(
      (r) => !verifyReceipt(r.document, r.signature!, published.keys.find((k) => k.kid === r.keyId)?.publicKeyPem ?? ''),
    ).length;
    const ledger = await consent.services.ledger.verify();

    console.log(
      `[many-instances] writes ${writes} (each raced through both gateways), kills 2 (consent#2, profile#1), ` +
        `acknowledged ${consentKeys.size} consent / ${preferenceWrites} preference (${preferences.size} distinct) / ${eventIds.size} event writes; ` +
        `lost ${consentLost + preferencesLost + eventsLost}, duplicates ${consentDuplicates + preferenceDuplicates + eventDuplicates}, ` +
        `retries answered with another receipt ${retriesAnsweredDifferently}, raw driver messages ${driverMessages.length}, error codes ${JSON.stringify(Object.fromEntries([...new Set(codes)].map((c) => [c, codes.filter((x) => x === c).length])))}, ` +
        `ledger ${ledger.ok ? 'verifies' : 'BROKEN'} (${ledger.checked} entries), receipts failing the key set ${unverifiable} of ${issued.length}`,
    );
    expect(consentKeys.size).toBe(rounds * writers.length);
    expect(preferenceWrites).toBe(rounds * writers.length);
    expect(eventIds.size).toBe(rounds * writers.length);
    expect({ consentLost, preferencesLost, eventsLost }).toEqual({ consentLost: 0, preferencesLost: 0, eventsLost: 0 });
    expect({ consentDuplicates, preferenceDuplicates, eventDuplicates }).toEqual({
      consentDuplicates: 0,
      preferenceDuplicates: 0,
      eventDuplicates: 0,
    });
    expect(driverMessages).toEqual([]);
    expect(retriesAnsweredDifferently).toBe(0);
    // The only errors a client saw were parts going away (retried with the same key), never a lost race.
    expect(codes.filter((c) => c !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(ledger).toMatchObject({ ok: true, firstBroken: null });
    expect(issued.length).toBe(receipts.length);
    expect(unverifiable).toBe(0);
  }, 180_000);
});
