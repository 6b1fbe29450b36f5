import 'reflect-metadata';
import { ReceiptSigner } from '../subgraphs/consent/services/receipt-signer.js';
import { CONSENT_ENTITIES, CONSENT_MIGRATIONS } from '../subgraphs/consent/subgraph.js';
import { systemClock } from '../subgraphs/shared/clock.js';
import { loadConfigOrExit } from '../subgraphs/shared/config.js';
import { openDatabase } from '../subgraphs/shared/database.js';
import { Transactions } from '../subgraphs/shared/transactions.js';

/**
 * Adds a new receipt signing key to the consent database and makes it current; every consent
 * instance signs with it within 30 s, and every earlier key stays published. Usage:
 *   npm run rotate-receipt-key        (with the same DATA_DIR / DATABASE_URL as the consent service)
 * If RECEIPT_PRIVATE_KEY_PEM is set, remove it from the services' configuration first: a retired
 * key never signs again, so leaving it there only prints a warning at start.
 */
const config = loadConfigOrExit();
const db = await openDatabase({ name: 'consent', config, entities: CONSENT_ENTITIES, migrations: CONSENT_MIGRATIONS });
try {
  const signer = await ReceiptSigner.open(db, new Transactions(db), systemClock, { ...config, receiptPrivateKeyPem: undefined });
  const before = await signer.currentKeyId();
  const after = await signer.rotate();
  const { keys } = await signer.published();
  console.log(`Receipts are now signed with key ${after} (was ${before}); ${keys.length} keys are published.`);
} finally {
  await db.destroy();
}
