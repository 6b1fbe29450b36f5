/**
 * What one request has read already, so that fields resolved for the same customer in one request
 * (`grantedPurposes` and `consentVersion` in one `_entities` call) share a read. Lives only as
 * long as the request: nothing is remembered across requests, so a withdrawal counts at once.
 */
export class RequestMemo {
  private readonly reads = new Map<string, Promise<unknown>>();

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.reads.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      this.reads.set(key, pending);
    }
    return pending;
  }
}

/** Reads through the request's memo when there is one (tests may call resolvers without it). */
export function remembered<T>(memo: RequestMemo | undefined, key: string, read: () => Promise<T>): Promise<T> {
  return memo ? memo.get(key, read) : read();
}
