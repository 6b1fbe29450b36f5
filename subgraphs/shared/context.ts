import type { Principal } from './principal.js';

/** What every subgraph resolver receives: who is asking, as signed by the gateway. */
export interface SubgraphContext {
  principal: Principal;
}
