/**
 * Runs tasks one after another per key (and, with one key, one after another overall).
 * SQLite has one writer and TypeORM's sqlite driver one connection, so concurrent write
 * transactions in one process must queue; per-customer keys also keep hash chains linear.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/**
 * The key of one customer's work that must not interleave with unlearning or erasing them (a
 * consent check and the write it allows). Always taken before 'db', never inside it.
 */
export function customerKey(customerId: string): string {
  return `customer:${customerId}`;
}
