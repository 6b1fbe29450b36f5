import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** The machine's NATS with JetStream (as in CI); tests that need it are skipped, saying why, when it is not there. */
export const NATS_URL = 'nats://127.0.0.1:4222';

export type NatsForTest = { url: string; stream: string; messages(): Promise<number>; release(): Promise<void> } | { unavailable: string };

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
    async messages() {
      const admin = await connect({ servers: NATS_URL });
      const info = await (await jetstreamManager(admin)).streams.info(stream);
      await admin.close();
      return info.state.messages;
    },
    async release() {
      const admin = await connect({ servers: NATS_URL });
      await (await jetstreamManager(admin)).streams.delete(stream).catch(() => false);
      await admin.close();
    },
  };
}
