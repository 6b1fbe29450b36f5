import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** The machine's NATS with JetStream (as in CI); tests that need it are skipped, saying why, when it is not there. */
export const NATS_URL = 'nats://127.0.0.1:4222';

export type NatsForTest =
  { url: string; stream: string; read(topic: string): Promise<unknown[]>; release(): Promise<void> } | { unavailable: string };

/** A stream of its own for one test file, deleted on release. */
export async function natsForTest(): Promise<NatsForTest> {
  let nc;
  try {
    nc = await connect({ servers: NATS_URL, timeout: 2_000, maxReconnectAttempts: 0 });
    await (await jetstreamManager(nc)).getAccountInfo();
  } catch (error) {
    await nc?.close();
    return { unavailable: `NATS JetStream is not reachable at ${NATS_URL} (${(error as Error).message})` };
  }
  await nc.close();
  const stream = `CFPTEST_${process.pid}_${Date.now()}`;
  return {
    url: NATS_URL,
    stream,
    /** Every message published so far on `<stream>.<topic>`, in order. */
    async read(topic: string) {
      const reader = await connect({ servers: NATS_URL });
      const name = `reader_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      await (
        await jetstreamManager(reader)
      ).consumers.add(stream, {
        name,
        filter_subject: `${stream.toLowerCase()}.${topic}`,
        ack_policy: AckPolicy.None,
        inactive_threshold: 10_000_000_000,
      });
      const consumer = await jetstream(reader).consumers.get(stream, name);
      const batch = await consumer.fetch({ max_messages: 1000, expires: 1_000 });
      const payloads: unknown[] = [];
      for await (const m of batch) {
        payloads.push(m.json());
        if (m.info.pending === 0) break;
      }
      await reader.close();
      return payloads;
    },
    async release() {
      const admin = await connect({ servers: NATS_URL });
      await (await jetstreamManager(admin)).streams.delete(stream).catch(() => false);
      await admin.close();
    },
  };
}
