/**
 * Which first-party events teach the recommendation model (profile forwards them, the demo seed
 * loads them): positive interactions with an item. Searches, dismissals and low ratings do not.
 */
export function isTrainable(e: { type: string; itemId: string | null; value: string | null }): boolean {
  if (!e.itemId) return false;
  if (e.type === 'RATING') return Number(e.value) >= 4;
  return e.type === 'VIEW' || e.type === 'ADD_TO_CART' || e.type === 'PURCHASE';
}
