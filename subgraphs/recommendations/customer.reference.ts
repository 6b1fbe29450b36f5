/** `Customer` by key; `grantedPurposes`, `consentVersion` and `storedSignals` arrive here from `@requires` and go to the gate. */
export const customerReference = {
  __resolveReference(ref: { id: string; grantedPurposes?: unknown; consentVersion?: unknown; storedSignals?: unknown }) {
    return { ...ref };
  },
};
