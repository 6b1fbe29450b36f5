import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestListener } from 'node:http';

export interface RunningServer {
  url: string;
  port: number;
  /** Stops accepting, lets requests under way finish (up to `drainMs`), then closes every connection. */
  close(drainMs?: number): Promise<void>;
}

/** The largest request body a subgraph reads; the gateway splits entity fetches to stay well below it. */
export const SUBGRAPH_MAX_BODY_BYTES = 2 * 1024 * 1024;

/** How long a stopping server waits for requests under way before cutting them. */
export const DRAIN_MS = 10_000;

/** Listens on host:port (0 picks a free port) and resolves once it accepts connections. */
export function listen(handler: RequestListener, port: number, host: string): Promise<RunningServer> {
  const server = http.createServer(handler);
  server.keepAliveTimeout = 5_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = (server.address() as AddressInfo).port;
      resolve({
        url: `http://${host}:${actual}`,
        port: actual,
        close: (drainMs = DRAIN_MS) =>
          new Promise<void>((done) => {
            // Keep-alive connections between requests are closed at once and as they fall idle.
            const idle = setInterval(() => server.closeIdleConnections(), 50);
            const cut = setTimeout(() => server.closeAllConnections(), drainMs);
            server.close(() => {
              clearInterval(idle);
              clearTimeout(cut);
              done();
            });
            server.closeIdleConnections();
          }),
      });
    });
  });
}
