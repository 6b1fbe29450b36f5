/** `Customer` by key; `grantedPurposes` and `storedSignals` arrive here from `@requires` and go to the gate. */
export const customerReference = {
  __resolveReference(ref: { id: string; grantedPurposes?: unknown; storedSignals?: unknown }) {
    return { ...ref };
  },
};
