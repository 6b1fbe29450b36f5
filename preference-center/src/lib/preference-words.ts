import type { PreferenceKind, Sentiment } from '../api/types.js';

export const KIND_WORDS: Record<PreferenceKind, string> = {
  CATEGORY: 'Category',
  BRAND: 'Brand',
  ATTRIBUTE: 'Feature',
  PRICE_RANGE: 'Price range',
};

export const SENTIMENT_WORDS: Record<Sentiment, string> = {
  LIKE: 'I like this',
  DISLIKE: 'Show me less',
  NEVER: 'Never show me this',
};

export const SENTIMENTS = Object.keys(SENTIMENT_WORDS) as Sentiment[];
