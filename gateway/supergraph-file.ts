/** The checked-in, statically composed supergraph the gateway serves (`npm run compose` writes it). */
export const SUPERGRAPH_PATH = new URL('./supergraph.graphql', import.meta.url);
