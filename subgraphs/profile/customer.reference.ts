/**
 * `Customer` by key. The representation may carry `grantedPurposes` (from `@requires`); it is
 * kept as given and read only through the consent gate. Access is checked per field.
 */
export const customerReference = {
  Customer: {
    __resolveReference(ref: { id: string; grantedPurposes?: unknown }) {
      return { ...ref };
    },
  },
};
