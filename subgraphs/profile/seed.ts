import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { DemoCustomer } from '../../scripts/demo/generate.js';
import { EventRecord } from './entities/event.entity.js';
import { StatedPreferenceRecord } from './entities/stated-preference.entity.js';
import { EVENT_SIGNALS } from './services/signal-builder.js';

/** Loads demo preferences and events; the generator only produced what each customer consented to. */
export async function seedProfile(db: DataSource, customers: DemoCustomer[]): Promise<boolean> {
  if ((await db.getRepository(EventRecord).count()) > 0 || (await db.getRepository(StatedPreferenceRecord).count()) > 0) return false;
  await db.transaction(async (manager) => {
    for (const c of customers) {
      const preferences = c.preferences.map((p) => ({
        id: randomUUID(),
        customerId: c.id,
        ...p,
        noticeVersion: 1,
        createdAt: c.grantedAt,
        updatedAt: c.grantedAt,
      }));
      if (preferences.length > 0) await manager.insert(StatedPreferenceRecord, preferences);
      const events = c.events.map((e) => ({
        customerId: c.id,
        ...e,
        purpose: EVENT_SIGNALS[e.type].purpose,
        noticeVersion: 1,
        receivedAt: e.occurredAt,
      }));
      for (let i = 0; i < events.length; i += 100) await manager.insert(EventRecord, events.slice(i, i + 100));
    }
  });
  return true;
}
