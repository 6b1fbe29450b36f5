import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { Clock } from '../shared/clock.js';
import type { CustomerDataHolder } from '../shared/customer-data.js';
import { ConsentDecisionRecord } from './entities/consent-decision.entity.js';
import { ConsentStateRecord } from './entities/consent-state.entity.js';
import { CustomerRecord } from './entities/customer.entity.js';
import { GpcConflictRecord, GpcSignalRecord } from './entities/gpc.entity.js';
import { LedgerTombstoneRecord } from './entities/ledger-tombstone.entity.js';
import { ReceiptRecord } from './entities/receipt.entity.js';
import { WithdrawalOutboxRecord } from './entities/withdrawal-outbox.entity.js';
import { OutboxRecord } from '../shared/outbox.js';
import { GENESIS_HASH } from './services/ledger.service.js';
import type { ReceiptSigner } from './services/receipt-signer.js';
import { hashTombstone } from './services/tombstone.js';

function tableHolder(category: string, entity: EntityTarget<ObjectLiteral>, key: string, order: Record<string, 'ASC'>): CustomerDataHolder {
  return {
    category,
    export: (db, customerId) => db.getRepository(entity).find({ where: { [key]: customerId }, order }),
    erase: async (db, customerId) => (await db.delete(entity, { [key]: customerId })).affected ?? 0,
  };
}

/**
 * What consent holds about one customer, in the order export and erasure walk it: consent joins the
 * one export/erasure contract (`CustomerDataHolder`). Erasing the ledger leaves a tombstone: a keyed
 * hash of the id, the chain's head hash and its length — proof the ledger existed, without personal data.
 */
export function consentDataHolders(signer: ReceiptSigner, clock: Clock): CustomerDataHolder[] {
  const ledger = tableHolder('consent ledger entries', ConsentDecisionRecord, 'customerId', { seq: 'ASC' });
  const receipts = tableHolder('consent receipts', ReceiptRecord, 'customerId', { issuedAt: 'ASC', receiptId: 'ASC' });
  return [
    {
      ...ledger,
      async erase(db, customerId) {
        const chain = await db.find(ConsentDecisionRecord, { where: { customerId }, order: { seq: 'ASC' } });
        if (chain.length > 0) await writeTombstone(db, signer, clock, customerId, chain);
        return ledger.erase(db, customerId);
      },
    },
    {
      ...receipts,
      // The signed documents as the customer received them.
      export: async (db, customerId) =>
        ((await receipts.export(db, customerId)) as ReceiptRecord[]).map((r) => ({
          ...r,
          document: JSON.parse(r.document) as unknown,
          dpvDocument: r.dpvDocument ? (JSON.parse(r.dpvDocument) as unknown) : null,
        })),
    },
    tableHolder('current consent states', ConsentStateRecord, 'customerId', { purpose: 'ASC' }),
    tableHolder('GPC records', GpcSignalRecord, 'customerId', { customerId: 'ASC' }),
    tableHolder('GPC conflicts', GpcConflictRecord, 'customerId', { id: 'ASC' }),
    tableHolder('withdrawal deliveries', WithdrawalOutboxRecord, 'customerId', { id: 'ASC' }),
    tableHolder('change feed messages', OutboxRecord, 'customerId', { id: 'ASC' }),
    tableHolder('customer record', CustomerRecord, 'id', { id: 'ASC' }),
  ];
}

async function writeTombstone(manager: EntityManager, signer: ReceiptSigner, clock: Clock, customerId: string, chain: ConsentDecisionRecord[]) {
  const fields = {
    subjectHash: await signer.keyedHash('ledger-tombstone', customerId),
    headHash: chain[chain.length - 1]?.hash ?? GENESIS_HASH,
    entryCount: chain.length,
    erasedAt: clock.now().toISOString(),
  };
  await manager.insert(LedgerTombstoneRecord, { ...fields, hash: hashTombstone(fields) });
}
