import { describe, expect, it } from 'vitest';
import { mergeEntityAnswers, splitRepresentations } from '../../gateway/entity-batches.js';

describe('splitting a large entity fetch', () => {
  const representations = Array.from({ length: 300 }, (_, i) => ({ __typename: 'Recommendation', decisionId: `d${i}`, itemId: 'x'.repeat(90) }));

  it('keeps every group under the budget, in order', () => {
    const groups = splitRepresentations(representations, 10_000)!;
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flat()).toEqual(representations);
    for (const group of groups) expect(Buffer.byteLength(JSON.stringify(group))).toBeLessThanOrEqual(10_000);
    expect(splitRepresentations(representations.slice(0, 50), 10)).toBeNull();
  });

  it('moves each error to its place in the whole call and keeps a failed group’s entities empty', () => {
    const groups = [['a', 'b'], ['c'], ['d']];
    const merged = mergeEntityAnswers(groups, [
      { data: { _entities: [{ n: 1 }, { n: 2 }] } },
      { data: { _entities: [null] }, errors: [{ message: 'bad', path: ['_entities', 0, 'explanation'] }] },
      { errors: [{ message: 'down' }] },
    ]);
    expect(merged.data).toEqual({ _entities: [{ n: 1 }, { n: 2 }, null, null] });
    expect(merged.errors).toEqual([{ message: 'bad', path: ['_entities', 2, 'explanation'] }, { message: 'down' }]);
  });
});
