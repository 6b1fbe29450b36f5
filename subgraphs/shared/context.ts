import type { Principal } from './principal.js';
import type { RequestMemo } from './request-memo.js';

/** What every subgraph resolver receives: who is asking, as signed by the gateway. */
export interface SubgraphContext {
  principal: Principal;
  /** This request's reads, shared by its resolvers (absent when a test executes without a server). */
  memo?: RequestMemo;
  /** The verified signature's nonce and how long it could be replayed (absent when a test executes without a server). */
  signature?: { nonce: string; validUntil: Date };
}
