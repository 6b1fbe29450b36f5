import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { SUBGRAPH_MAX_BODY_BYTES } from '../subgraphs/shared/http.js';

/**
 * The planner sends every entity of a fetch in one `_entities` call: 50 logged decisions of 50
 * items each are 2,500 representations carrying their `@requires` data (about 2 KB each, 5 MB in
 * all), past what a subgraph reads. Each representation is needed as it is (every required field
 * is rendered), so a large call is split into parts that each stay well under the limit (and are quick to answer).
 */
export const ENTITY_BATCH_BYTES = SUBGRAPH_MAX_BODY_BYTES / 4;

/** Below this many representations a call cannot come near the limit: not measured. */
const MEASURED_FROM = 100;

/** The representations in groups of at most `budget` serialized bytes (one per group when alone larger); null when one call will do. */
export function splitRepresentations(representations: unknown, budget = ENTITY_BATCH_BYTES): unknown[][] | null {
  if (!Array.isArray(representations) || representations.length < MEASURED_FROM) return null;
  const groups: unknown[][] = [];
  let current: unknown[] = [];
  let size = 0;
  for (const representation of representations) {
    const bytes = Buffer.byteLength(JSON.stringify(representation)) + 1;
    if (current.length > 0 && size + bytes > budget) {
      groups.push(current);
      current = [];
      size = 0;
    }
    current.push(representation);
    size += bytes;
  }
  groups.push(current);
  return groups.length > 1 ? groups : null;
}

/**
 * One answer from the answers of consecutive groups: entities in order (null for a group that
 * got none), errors with their `_entities` index moved to the whole call's.
 */
export function mergeEntityAnswers(groups: unknown[][], answers: GatewayGraphQLResponse[]): GatewayGraphQLResponse {
  const entities: unknown[] = [];
  const errors: NonNullable<GatewayGraphQLResponse['errors']>[number][] = [];
  let offset = 0;
  groups.forEach((group, i) => {
    const answer = answers[i];
    const got = (answer.data as { _entities?: unknown[] } | null | undefined)?._entities;
    for (let j = 0; j < group.length; j += 1) entities.push(Array.isArray(got) ? (got[j] ?? null) : null);
    for (const error of answer.errors ?? []) {
      const path = error.path;
      const moved = path?.[0] === '_entities' && typeof path[1] === 'number' ? ['_entities', path[1] + offset, ...path.slice(2)] : path;
      errors.push(moved ? { ...error, path: moved } : error);
    }
    offset += group.length;
  });
  return { data: { _entities: entities }, ...(errors.length > 0 ? { errors } : {}) } as GatewayGraphQLResponse;
}
