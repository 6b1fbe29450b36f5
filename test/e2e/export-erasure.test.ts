import { OutboxRecord } from '../../subgraphs/shared/outbox.js';
import { WithdrawalWatermarkRecord } from '../../subgraphs/shared/withdrawal-watermark.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { DEMO_CUSTOMERS } from '../../scripts/demo/generate.js';
import { ConsentDecisionRecord } from '../../subgraphs/consent/entities/consent-decision.entity.js';
import { ExplanationViewRecord } from '../../subgraphs/explanations/entities/explanation-view.entity.js';
import { EventRecord } from '../../subgraphs/profile/entities/event.entity.js';
import { StatedPreferenceRecord } from '../../subgraphs/profile/entities/stated-preference.entity.js';
import { ERASE_CONFIRMATION } from '../../subgraphs/profile/services/erasure.service.js';
import { DecisionRecord } from '../../subgraphs/recommendations/entities/decision.entity.js';
import { TrainingInteractionRecord } from '../../subgraphs/recommendations/entities/training-interaction.entity.js';
import { TRAINING_DATA_CATEGORY } from '../../subgraphs/recommendations/services/model.service.js';
import type { SubgraphName } from '../../subgraphs/shared/config.js';
import { ServiceClient } from '../../subgraphs/shared/service-client.js';
import { createSignedFetch, type SignedFetch } from '../../subgraphs/shared/signed-fetch.js';
import { allRows, tableNames } from '../helpers/database.js';
import { startTestStack, type TestStack } from '../helpers/stack.js';

const ACTIVITY = `mutation ($events: [EventInput!]!) { recordEvents(events: $events) { accepted } }`;
const SHOWN = '{ me { recommendations(first: 4) { items { itemId explanation { summary } } } } }';
const ERASE =
  'mutation ($confirm: String!) { eraseMe(confirm: $confirm) { receiptId requestedAt complete pending message reports { subgraph removed { category count } } } }';

/** JSON as it travels: what an export must equal. */
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('data export and erasure across every subgraph', () => {
  let stack: TestStack;
  let signedFetch: SignedFetch;
  const db = (name: SubgraphName): DataSource => stack.subgraphs[name].dataSource;
  const internal = (name: SubgraphName) => new ServiceClient(stack.peers.urlOf(name), signedFetch, 'test', name);

  /** Leaves something in profile, recommendations and explanations for the customer. */
  async function makeActivity(customerId: string, token: string) {
    const events = ['VIEW', 'ADD_TO_CART'].map((type, i) => ({
      clientEventId: `${type}-${i}`,
      type,
      itemId: `item-00${10 + i}`,
      channel: 'web',
      source: 'web-shop',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
    }));
    expect((await stack.graphql(ACTIVITY, { events }, { token })).errors).toBeUndefined();
    expect((await stack.graphql(SHOWN, {}, { token })).errors).toBeUndefined();
    expect(await db('recommendations').getRepository(DecisionRecord).countBy({ customerId })).toBeGreaterThan(0);
    expect(await db('explanations').getRepository(ExplanationViewRecord).countBy({ customerId })).toBeGreaterThan(0);
  }

  /** Every row of every table of the given subgraphs that mentions the customer id. */
  async function rowsMentioning(customerId: string, names: SubgraphName[]) {
    const found: string[] = [];
    for (const name of names) {
      for (const table of await tableNames(db(name))) {
        const rows = await allRows(db(name), table);
        for (const row of rows) if (JSON.stringify(row).includes(customerId)) found.push(`${name}.${table}: ${JSON.stringify(row)}`);
      }
    }
    return found;
  }

  /** What each of profile, recommendations and explanations holds, read straight from their databases. */
  async function heldBy(customerId: string) {
    return asJson({
      profile: {
        statedPreferences: await db('profile')
          .getRepository(StatedPreferenceRecord)
          .find({ where: { customerId }, order: { createdAt: 'ASC', id: 'ASC' } }),
        events: await db('profile')
          .getRepository(EventRecord)
          .find({ where: { customerId }, order: { seq: 'ASC' } }),
        withdrawalWatermarks: await db('profile')
          .getRepository(WithdrawalWatermarkRecord)
          .find({ where: { customerId }, order: { purpose: 'ASC' } }),
        outboxMessages: await db('profile')
          .getRepository(OutboxRecord)
          .find({ where: { customerId }, order: { id: 'ASC' } }),
      },
      recommendations: {
        decisions: await db('recommendations')
          .getRepository(DecisionRecord)
          .find({ where: { customerId }, order: { createdAt: 'ASC', decisionId: 'ASC' } }),
        [TRAINING_DATA_CATEGORY]: await db('recommendations')
          .getRepository(TrainingInteractionRecord)
          .find({ where: { customerId }, order: { seq: 'ASC' } }),
        withdrawalWatermarks: await db('recommendations')
          .getRepository(WithdrawalWatermarkRecord)
          .find({ where: { customerId }, order: { purpose: 'ASC' } }),
      },
      explanations: {
        explanationViews: await db('explanations')
          .getRepository(ExplanationViewRecord)
          .find({ where: { customerId }, order: { seq: 'ASC' } }),
        withdrawalWatermarks: await db('explanations')
          .getRepository(WithdrawalWatermarkRecord)
          .find({ where: { customerId }, order: { purpose: 'ASC' } }),
      },
    });
  }

  beforeAll(async () => {
    stack = await startTestStack();
    signedFetch = createSignedFetch(stack.config.gatewaySecret);
  });
  afterAll(async () => {
    await signedFetch?.close();
    await stack?.close();
  });

  it('each subgraph exports exactly what its database holds, through the internal contract', async () => {
    const customerId = DEMO_CUSTOMERS.full;
    await makeActivity(customerId, await stack.tokenFor(customerId));
    const held = await heldBy(customerId);
    for (const name of ['profile', 'recommendations', 'explanations'] as const) {
      const { exportCustomerData } = await internal(name).request<{ exportCustomerData: string }>(
        'query ($id: ID!) { exportCustomerData(customerId: $id) }',
        { id: customerId },
      );
      expect(JSON.parse(exportCustomerData)).toEqual({ subgraph: name, data: held[name] });
    }
    expect(held.profile.events.length).toBeGreaterThan(2);
    expect(held.profile.statedPreferences.length).toBeGreaterThan(0);
  });

  it('keeps the internal operations out of clients’ reach', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
    const result = await stack.graphql(`{ exportCustomerData(customerId: "${DEMO_CUSTOMERS.full}") }`, {}, { token });
    expect(result.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const erase = await stack.graphql(`mutation { eraseCustomerData(customerId: "${DEMO_CUSTOMERS.full}") { subgraph } }`, {}, { token });
    expect(erase.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  // Needs consent's `exportCustomerData` (issue 4): the export is all or nothing.
  it('gives the signed-in customer one JSON document with everything every subgraph holds', async () => {
    const customerId = DEMO_CUSTOMERS.full;
    const token = await stack.tokenFor(customerId);
    const result = await stack.graphql<{ me: { dataExport: string } }>('{ me { dataExport } }', {}, { token });
    expect(result.errors).toBeUndefined();
    const doc = JSON.parse(result.data!.me.dataExport);
    expect(doc).toMatchObject({ format: 'consent-first-personalization/export/v1', customerId, exportedAt: expect.any(String) });
    expect(Object.keys(doc.subgraphs).sort()).toEqual(['consent', 'explanations', 'profile', 'recommendations']);
    const held = await heldBy(customerId);
    expect(doc.subgraphs.profile).toEqual(held.profile);
    expect(doc.subgraphs.recommendations).toEqual(held.recommendations);
    expect(doc.subgraphs.explanations).toEqual(held.explanations);
    // Every ledger entry of the customer is in the consent part.
    const ledger = await db('consent')
      .getRepository(ConsentDecisionRecord)
      .find({ select: { decisionId: true, hash: true }, where: { customerId } });
    expect(ledger.length).toBeGreaterThan(0);
    const consentPart = JSON.stringify(doc.subgraphs.consent);
    for (const entry of ledger) expect(consentPart).toContain(entry.hash);
  });

  it('refuses to erase without the exact confirmation', async () => {
    const token = await stack.tokenFor(DEMO_CUSTOMERS.full);
    const result = await stack.graphql(ERASE, { confirm: 'yes please' }, { token });
    expect(result.errors).toEqual([
      {
        message: `To erase all your data, type "${ERASE_CONFIRMATION}" exactly. Nothing was erased.`,
        path: ['eraseMe'],
        extensions: { code: 'BAD_USER_INPUT', field: 'confirm', expected: ERASE_CONFIRMATION },
      },
    ]);
    expect(await db('profile').getRepository(EventRecord).countBy({ customerId: DEMO_CUSTOMERS.full })).toBeGreaterThan(0);
  });

  it('reports a subgraph that fails, keeps the ledger for last, and finishes when asked again', async () => {
    const customerId = 'cust-005';
    const token = await stack.tokenFor(customerId);
    await makeActivity(customerId, token);
    const explanationsUrl = stack.peers.urlOf('explanations');
    stack.peers.register('explanations', 'http://127.0.0.1:9/graphql'); // nothing listens there
    let first;
    try {
      first = await stack.graphql(ERASE, { confirm: ERASE_CONFIRMATION }, { token });
    } finally {
      stack.peers.register('explanations', explanationsUrl);
    }
    expect(first.errors).toBeUndefined();
    const receipt = first.data!.eraseMe;
    expect(receipt).toMatchObject({
      complete: false,
      pending: ['explanations', 'consent'],
      message: 'Some parts did not answer (explanations, consent). What was erased stays erased; please ask again to finish.',
    });
    expect(receipt.reports.map((r: { subgraph: string }) => r.subgraph)).toEqual(['profile', 'recommendations']);
    expect(await rowsMentioning(customerId, ['profile', 'recommendations'])).toEqual([]);
    expect((await rowsMentioning(customerId, ['explanations'])).length).toBeGreaterThan(0);
    // Erasure closed every gate first: nothing new is collected while the rest finishes.
    expect(await stack.graphql('{ me { id grantedPurposes } }', {}, { token })).toMatchObject({
      data: { me: { id: customerId, grantedPurposes: ['essential'] } },
    });
    // The parts that erased the customer keep nothing new, though the account is still open.
    expect((await stack.graphql(SHOWN, {}, { token })).errors).toBeUndefined();
    expect(await rowsMentioning(customerId, ['profile', 'recommendations'])).toEqual([]);

    const again = (await stack.graphql(ERASE, { confirm: ERASE_CONFIRMATION }, { token })).data!.eraseMe;
    const report = (name: string) => again.reports.find((r: { subgraph: string }) => r.subgraph === name);
    expect(report('profile').removed).toEqual([
      { category: 'statedPreferences', count: 0 },
      { category: 'events', count: 0 },
      { category: 'withdrawalWatermarks', count: 0 },
      { category: 'outboxMessages', count: 0 },
    ]);
    expect(report('recommendations').removed).toEqual([
      { category: 'decisions', count: 0 },
      { category: TRAINING_DATA_CATEGORY, count: 0 },
      { category: 'withdrawalWatermarks', count: 0 },
    ]);
    expect(report('explanations').removed[0]).toEqual({ category: 'explanationViews', count: expect.any(Number) });
    expect(report('explanations').removed[0].count).toBeGreaterThan(0);
    expect(await rowsMentioning(customerId, ['profile', 'recommendations', 'explanations'])).toEqual([]);
  });

  // Needs consent's `eraseCustomerData` (issue 4): the ledger's tombstone holds hashes only.
  it('erases the customer from every table of every subgraph; only a hashed tombstone stays', async () => {
    const customerId = DEMO_CUSTOMERS.full;
    const token = await stack.tokenFor(customerId);
    await makeActivity(customerId, token);
    const result = await stack.graphql(ERASE, { confirm: ERASE_CONFIRMATION }, { token });
    expect(result.errors).toBeUndefined();
    const receipt = result.data!.eraseMe;
    expect(receipt).toMatchObject({ receiptId: expect.any(String), complete: true, pending: [] });
    expect(receipt.reports.map((r: { subgraph: string }) => r.subgraph)).toEqual(['profile', 'recommendations', 'explanations', 'consent']);
    expect(JSON.stringify(receipt)).not.toContain(customerId);
    expect(await rowsMentioning(customerId, ['consent', 'profile', 'recommendations', 'explanations'])).toEqual([]);

    const again = (await stack.graphql(ERASE, { confirm: ERASE_CONFIRMATION }, { token })).data?.eraseMe;
    expect(again).toMatchObject({ complete: true, pending: [] });
  });
  it('from the moment of erasure, the customer’s token changes nothing and leaves nothing behind', async () => {
    const customerId = 'cust-006';
    const token = await stack.tokenFor(customerId);
    await makeActivity(customerId, token);
    expect((await stack.graphql(ERASE, { confirm: ERASE_CONFIRMATION }, { token })).data!.eraseMe).toMatchObject({ complete: true });

    const refused = { message: 'This account was erased, so its sign-in can no longer change anything.', extensions: { code: 'FORBIDDEN' } };
    const writes = [
      'mutation { setConsent(purpose: "analytics", granted: true, noticeVersion: 1) { granted } }',
      'mutation { addStatedPreference(input: { kind: CATEGORY, value: "tents", sentiment: LIKE }) { id } }',
      `mutation { recordEvents(events: [{ clientEventId: "late-1", type: VIEW, itemId: "item-0010", channel: "web", source: "web-shop", occurredAt: "${new Date().toISOString()}" }]) { accepted } }`,
    ];
    for (const write of writes) expect((await stack.graphql(write, {}, { token })).errors, write).toEqual([expect.objectContaining(refused)]);
    // Reads answer as for nobody and keep nothing: no list logged, no explanation shown recorded.
    await stack.graphql(SHOWN, {}, { token });
    await stack.graphql('{ recommendations(first: 3) { items { explanation { summary } } } }', {}, { token });
    expect(await rowsMentioning(customerId, ['consent', 'profile', 'recommendations', 'explanations'])).toEqual([]);
    // Finishing (or repeating) the erasure itself stays possible.
    expect((await stack.graphql(ERASE, { confirm: ERASE_CONFIRMATION }, { token })).data!.eraseMe).toMatchObject({ complete: true });
  });
});
