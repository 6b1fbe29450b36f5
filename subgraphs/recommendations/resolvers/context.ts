import { badInput } from '../../shared/errors.js';
import type { DecisionRecord } from '../entities/decision.entity.js';
import type { RequestContext } from '../engine/types.js';
import { MAX_ITEMS } from '../services/decision.service.js';
import { Surface, type ContextInput, type RecommendationList } from '../types/recommendation.types.js';

const MAX_VIEWED = 50;

export function toRequestContext(input: ContextInput | null | undefined): RequestContext {
  const viewed = input?.viewedItemIds ?? [];
  if (viewed.length > MAX_VIEWED) throw badInput(`Pass at most ${MAX_VIEWED} viewed items.`, { field: 'context.viewedItemIds' });
  for (const [field, value] of [
    ['device', input?.device],
    ['locale', input?.locale],
    ['pageCategory', input?.pageCategory],
  ] as const) {
    if (value != null && value.length > 64) throw badInput(`context.${field} is too long (64 characters at most).`, { field: `context.${field}` });
  }
  return {
    surface: input?.surface ?? Surface.HOME,
    device: input?.device ?? null,
    locale: input?.locale ?? null,
    pageCategory: input?.pageCategory ?? null,
    viewedItemIds: [...viewed],
  };
}

export function validateFirst(first: number): number {
  if (!Number.isInteger(first) || first < 1 || first > MAX_ITEMS) {
    throw badInput(`first must be between 1 and ${MAX_ITEMS}.`, { field: 'first' });
  }
  return first;
}

export function toRecommendationList(decision: DecisionRecord): RecommendationList {
  return {
    decisionId: decision.decisionId,
    surface: decision.surface as Surface,
    personalized: decision.personalized,
    holdout: decision.holdout,
    items: decision.items.map((item) => ({
      ...item,
      decisionId: decision.decisionId,
      consentVersion: decision.consentVersion,
    })) as RecommendationList['items'],
  };
}
