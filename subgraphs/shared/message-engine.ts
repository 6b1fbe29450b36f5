import { AckPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';

/** What a consumer is told about one delivery. */
export interface Delivery {
  messageId: string | undefined;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

export interface ConsumerOptions {
  /** Deliveries before a message is dead-lettered (terminated, handed to `onDeadLetter`); Infinity: never. */
  maxDeliver?: number;
  /** How long to wait before a failed message is delivered again. */
  retryDelayMs?: number;
  onDeadLetter?: (payload: unknown, error: unknown, delivery: Delivery) => Promise<void> | void;
}

/**
 * The message engine the outboxes relay through when configured: NATS JetStream. Publishing
 * carries the outbox message id (JetStream drops a repeat within its de-duplication window);
 * each subscriber has a durable consumer, so nothing is lost while it is down; a message that keeps
 * failing is dead-lettered after `maxDeliver` attempts.
 */
export interface MessageEngine {
  /** `topic` like "training.interactions"; the engine adds its stream's subject prefix. */
  publish(topic: string, messageId: string, payload: unknown): Promise<void>;
  consume(durable: string, topic: string, handler: (payload: unknown, delivery: Delivery) => Promise<void>, options?: ConsumerOptions): Promise<void>;
  close(): Promise<void>;
}

/** Connects to JetStream and makes sure the stream exists (subjects `<stream>.>` in lower case). */
export async function connectJetStream(url: string, stream: string): Promise<MessageEngine> {
  const nc = await connect({ servers: url, name: `consent-first-personalization:${stream}` });
  const jsm = await jetstreamManager(nc);
  const prefix = stream.toLowerCase();
  try {
    await jsm.streams.info(stream);
  } catch {
    try {
      // Two minutes of message ids remembered for de-duplication.
      await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`], duplicate_window: 120_000_000_000 });
    } catch (error) {
      // Another instance created it meanwhile.
      await jsm.streams.info(stream).catch(() => Promise.reject(error));
    }
  }
  return new JetStreamEngine(nc, jetstream(nc), jsm, stream, prefix);
}

class JetStreamEngine implements MessageEngine {
  private readonly running: { messages: ConsumerMessages; loop: Promise<void> }[] = [];

  constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: Awaited<ReturnType<typeof jetstreamManager>>,
    private readonly stream: string,
    private readonly prefix: string,
  ) {}

  async publish(topic: string, messageId: string, payload: unknown): Promise<void> {
    await this.js.publish(`${this.prefix}.${topic}`, JSON.stringify(payload), { msgID: messageId });
  }

  async consume(
    durable: string,
    topic: string,
    handler: (payload: unknown, delivery: Delivery) => Promise<void>,
    options: ConsumerOptions = {},
  ): Promise<void> {
    const maxDeliver = options.maxDeliver ?? 10;
    const config = {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      filter_subject: `${this.prefix}.${topic}`,
      max_deliver: maxDeliver,
      ack_wait: 30_000_000_000,
    };
    try {
      await this.jsm.consumers.add(this.stream, config);
    } catch {
      await this.jsm.consumers.info(this.stream, durable); // exists already (another instance shares it)
    }
    const consumer = await this.js.consumers.get(this.stream, durable);
    const messages = await consumer.consume();
    const loop = (async () => {
      for await (const m of messages) {
        const delivery = { messageId: m.headers?.get('Nats-Msg-Id') || undefined, deliveryCount: m.info.deliveryCount };
        let payload: unknown;
        try {
          payload = m.json();
        } catch {
          console.error(`[jetstream] ${durable}: message ${delivery.messageId} is not JSON; dropped`);
          m.term();
          continue;
        }
        try {
          await handler(payload, delivery);
          m.ack();
        } catch (error) {
          if (delivery.deliveryCount < maxDeliver) {
            m.nak(options.retryDelayMs ?? 2_000);
            continue;
          }
          try {
            // Told first (the report must go out), terminated after: if telling fails, it comes again.
            await options.onDeadLetter?.(payload, error, delivery);
            m.term();
            console.error(
              `[jetstream] ${durable}: message ${delivery.messageId} dead-lettered after ${delivery.deliveryCount} deliveries`,
              (error as Error).message,
            );
          } catch (reportError) {
            console.error(`[jetstream] ${durable}: could not report dead letter ${delivery.messageId}; retrying`, (reportError as Error).message);
            m.nak(options.retryDelayMs ?? 2_000);
          }
        }
      }
    })();
    this.running.push({ messages, loop });
  }

  async close(): Promise<void> {
    for (const { messages } of this.running) await messages.close();
    await Promise.all(this.running.map((r) => r.loop.catch(() => undefined)));
    await this.nc.drain();
  }
}
