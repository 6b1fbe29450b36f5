/** `Recommendation` by key: the representation carries the `@requires` fields to explain. */
export const recommendationReference = {
  __resolveReference(ref: { decisionId: string; itemId: string; category?: unknown; contributions?: unknown }) {
    return { ...ref };
  },
};
