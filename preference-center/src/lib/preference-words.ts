import type { StatedPreference } from '../api/types.js';
import type { Strings } from '../i18n/locale.js';

/** "Category bikes": a stated preference in words. */
export const describePreference = (t: Strings, p: Pick<StatedPreference, 'kind' | 'value'>) => t.words.preference(t.words.kinds[p.kind], p.value);

/** How one feels about it: "“I like this” (strength 2)". */
export const feelingWords = (t: Strings, p: Pick<StatedPreference, 'sentiment' | 'weight'>) =>
  t.words.feeling(t.words.sentiments[p.sentiment], t.formatNumber(p.weight));
