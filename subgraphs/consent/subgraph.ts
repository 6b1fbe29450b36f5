import { systemClock } from '../shared/clock.js';
import { openDatabase } from '../shared/database.js';
import { Transactions } from '../shared/transactions.js';
import { PeerDirectory } from '../shared/peers.js';
import { NONCE_ENTITIES, RequestNonces, SignedRequestNoncesTable } from '../shared/request-nonces.js';
import { OUTBOX_ENTITIES, Outbox, OutboxTable, publishTo, type OutboxTransport } from '../shared/outbox.js';
import { APPLY_GRANT_MUTATION, partnerOfGrantTopic } from '../shared/consent-grants.js';
import { connectJetStream, type MessageEngine } from '../shared/message-engine.js';
import { consumeWithdrawalReports, publishWithdrawal } from '../shared/withdrawal-relay.js';
import { ServiceClient } from '../shared/service-client.js';
import { createSignedFetches, type SignedFetches } from '../shared/signed-fetch.js';
import type { PartnerRegistration } from '../shared/partners.js';
import { assembleSubgraph, type SubgraphModule, type SubgraphOptions } from '../shared/subgraph-module.js';
import { createSubgraphServer } from '../shared/subgraph-server.js';
import { ConsentStateRecord } from './entities/consent-state.entity.js';
import { ConsentDecisionRecord } from './entities/consent-decision.entity.js';
import { CustomerRecord } from './entities/customer.entity.js';
import { GpcConflictRecord, GpcSignalRecord } from './entities/gpc.entity.js';
import { LedgerTombstoneRecord } from './entities/ledger-tombstone.entity.js';
import { NoticeRecord } from './entities/notice.entity.js';
import { ReceiptRecord } from './entities/receipt.entity.js';
import { ReceiptSigningKeyRecord } from './entities/receipt-signing-key.entity.js';
import { WithdrawalOutboxRecord } from './entities/withdrawal-outbox.entity.js';
import { ConsentInitial } from './migrations/0001-initial.js';
import { ConsentReceiptsGpcOutbox } from './migrations/0002-receipts-gpc-outbox.js';
import { ConsentLedgerChainUnique } from './migrations/0003-ledger-chain-unique.js';
import { ConsentReceiptFollowUps } from './migrations/0004-receipt-follow-ups.js';
import { ConsentIdempotencyAndKeys } from './migrations/0005-idempotency-and-keys.js';
import { ConsentDpvReceipts } from './migrations/0006-dpv-receipts.js';
import { ConsentCurrentStates } from './migrations/0007-current-states.js';
import { recordGpcOnRequest } from './resolvers/gpc-request.js';
import { buildConsentSchema, type ConsentServices } from './schema.js';
import { ConsentMaintenance } from './services/consent-maintenance.js';
import { ConsentService } from './services/consent.service.js';
import { DecisionRecorder } from './services/decision-recorder.js';
import { consentDataHolders } from './customer-data.holders.js';
import { CustomerDataService } from '../shared/customer-data.js';
import { ExpiryService } from './services/expiry.service.js';
import { GpcService } from './services/gpc.service.js';
import { LedgerProofService } from './services/ledger-proof.js';
import { LedgerService } from './services/ledger.service.js';
import { NoticeService } from './services/notice.service.js';
import { ReceiptSigner } from './services/receipt-signer.js';
import { ReceiptService } from './services/receipt.service.js';
import { WithdrawalOutbox, graphqlSubscriber, type WithdrawalSubscriber } from './services/withdrawal-outbox.service.js';
import { PartnerGrantPush, partnerScoped } from './services/partner-deliveries.js';

export const CONSENT_ENTITIES = [
  CustomerRecord,
  NoticeRecord,
  ConsentDecisionRecord,
  ConsentStateRecord,
  ReceiptRecord,
  GpcSignalRecord,
  GpcConflictRecord,
  WithdrawalOutboxRecord,
  LedgerTombstoneRecord,
  ReceiptSigningKeyRecord,
  ...OUTBOX_ENTITIES,
  ...NONCE_ENTITIES,
];

export const CONSENT_MIGRATIONS = [
  ConsentInitial,
  ConsentReceiptsGpcOutbox,
  ConsentLedgerChainUnique,
  ConsentReceiptFollowUps,
  ConsentIdempotencyAndKeys,
  OutboxTable,
  ConsentDpvReceipts,
  ConsentCurrentStates,
  SignedRequestNoncesTable,
];

/** The subgraphs holding data collected for a purpose: told of every withdrawal. */
export const WITHDRAWAL_SUBSCRIBERS = ['profile', 'recommendations', 'explanations'] as const;

/** Opens and migrates the consent database, wires services and builds the HTTP app. */
export async function createConsentSubgraph(
  options: SubgraphOptions,
): Promise<SubgraphModule<ConsentServices> & { maintenance: ConsentMaintenance; messages: Outbox | null }> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const dataSource = await openDatabase({
    name: 'consent',
    config,
    entities: CONSENT_ENTITIES,
    migrations: CONSENT_MIGRATIONS,
    sqliteFile: options.sqliteFile,
  });
  const tx = new Transactions(dataSource);
  const fetches = createSignedFetches(config.gatewaySecret, config.partners);
  const signer = await ReceiptSigner.open(dataSource, tx, clock, config);
  const ledger = new LedgerService(dataSource);
  const notices = new NoticeService(dataSource, tx, clock);
  await notices.ensureInitialNotices();
  const receipts = new ReceiptService(dataSource, signer, tx, clock, config.receiptController, config.receiptControllerAddress);
  // Withdrawals through the message engine when one is configured, otherwise signed calls in process.
  const engine = config.nats ? await connectJetStream(config.nats.url, config.nats.stream) : null;
  const clientOf = serviceClients(options.peers ?? PeerDirectory.fromConfig(config), fetches);
  const subscribers = engine ? engineSubscribers(engine, config.partners) : httpSubscribers(clientOf, config.partners);
  const outbox = new WithdrawalOutbox(dataSource, subscribers, tx, clock, { reportsFollow: engine !== null });
  // One relay for consent's messages: with the engine, the change feed and partner grants are
  // published; without it, only grants go out, as signed webhooks dead-lettered like withdrawals'.
  const retryMs = config.consentMaintenanceMs;
  const messages = engine
    ? new Outbox(tx, clock, publishTo(engine), { source: 'consent', retryMs })
    : config.partners.length > 0
      ? new Outbox(tx, clock, grantWebhooks(clientOf), { source: 'consent', retryMs, maxAttempts: PARTNER_WEBHOOK_MAX_ATTEMPTS })
      : null;
  const partnerGrants = messages && config.partners.length > 0 ? new PartnerGrantPush(messages, config.partners) : null;
  const recorder = new DecisionRecorder(dataSource, ledger, receipts, outbox, tx, engine ? messages : null, partnerGrants);
  const gpc = new GpcService(dataSource, ledger, recorder, tx, clock);
  const expiry = new ExpiryService(dataSource, ledger, notices, recorder, clock);
  const consent = new ConsentService(dataSource, ledger, notices, recorder, gpc, receipts, tx, clock);
  const customerData = new CustomerDataService('consent', dataSource, tx, consentDataHolders(signer, clock));
  const proofs = new LedgerProofService(dataSource, ledger, signer, clock, config.receiptController);
  const services: ConsentServices = { consent, ledger, notices, receipts, proofs, signer, gpc, expiry, customerData };
  const maintenance = new ConsentMaintenance(recorder, expiry, receipts, config.consentMaintenanceMs);

  const server = await createSubgraphServer({
    name: 'consent',
    nonces: new RequestNonces(tx, clock),
    schema: await buildConsentSchema(services),
    config,
    beforeRequest: recordGpcOnRequest(gpc),
    // Erased: the account is gone and its erasure left a tombstone (a keyed hash of the id).
    erasedAccounts: { isErased: async (id) => !(await consent.customerExists(id)) && (await proofs.hasTombstone(id)) },
    routes: (app) => {
      // Public: anyone may fetch the key to verify a receipt offline.
      app.get('/.well-known/consent-receipt-key', (_req, res, next) => {
        signer.published().then(
          (keys) => res.json(keys),
          (error) => next(error),
        );
      });
    },
  });
  return Object.assign(
    assembleSubgraph({
      server,
      dataSource,
      services,
      startJobs: [
        () => maintenance.start(),
        () => messages?.start(),
        () =>
          engine &&
          void consumeWithdrawalReports(engine, (r) => recorder.acceptReport(r)).catch((e: Error) =>
            console.error('[consent] report consumer failed', e.message),
          ),
      ],
      stopJobs: [() => maintenance.stop(), () => messages?.stop()],
      releaseConnections: [() => fetches.close(), () => engine?.close()],
    }),
    { maintenance, messages },
  );
}

/**
 * Subscribers reached through the message engine: each reports back on its own (see
 * withdrawal-relay.ts). A partner has a durable consumer of its own topic, `withdrawals.<name>`.
 */
function engineSubscribers(engine: MessageEngine, partners: readonly PartnerRegistration[]): WithdrawalSubscriber[] {
  const subscriber = (name: string): WithdrawalSubscriber => ({
    name,
    apply: (row) =>
      publishWithdrawal(engine, name, {
        rowId: row.id,
        customerId: row.customerId,
        purpose: row.purpose,
        withdrawnAt: row.withdrawnAt,
        withdrawalSeq: row.withdrawalSeq,
        generation: row.generation,
      }),
  });
  return [...WITHDRAWAL_SUBSCRIBERS.map(subscriber), ...partners.map((p) => partnerScoped(subscriber(p.name), p))];
}

/** A partner's signed webhook is tried this often (every CONSENT_MAINTENANCE_MS) before it is dead-lettered. */
export const PARTNER_WEBHOOK_MAX_ATTEMPTS = 10;

type ClientOf = (name: string) => ServiceClient;

/** Signed service clients, at the address the peer directory holds at call time (signed with a partner's own secret). */
function serviceClients(peers: PeerDirectory, fetches: SignedFetches): ClientOf {
  return (name) => new ServiceClient(() => peers.urlOf(name), fetches.for(name), 'consent', name);
}

/** Subscribers reached over signed HTTP. */
function httpSubscribers(clientOf: ClientOf, partners: readonly PartnerRegistration[]): WithdrawalSubscriber[] {
  const subscriber = (name: string) => graphqlSubscriber(name, (query, variables) => clientOf(name).request(query, variables));
  return [
    ...WITHDRAWAL_SUBSCRIBERS.map(subscriber),
    ...partners.map((p) => ({ ...partnerScoped(subscriber(p.name), p), maxAttempts: PARTNER_WEBHOOK_MAX_ATTEMPTS })),
  ];
}

/** Without a message engine: each grant is a signed call to the partner's `applyConsentGrant`. */
function grantWebhooks(clientOf: ClientOf): OutboxTransport {
  return async ({ topic, payload }) => {
    const partner = partnerOfGrantTopic(topic);
    if (!partner) throw new Error(`no webhook for topic ${topic}`);
    await clientOf(partner).request(APPLY_GRANT_MUTATION, payload as Record<string, unknown>);
  };
}
