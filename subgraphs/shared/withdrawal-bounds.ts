/**
 * How long a request can have been under way: its grants were read (through the gateway's query
 * plan, or by a collecting service) at most this long before it stores what it made of them.
 */
export const IN_FLIGHT_MS = 30_000;

/**
 * For a withdrawal delivered without its ledger position (older callers): how far its clean-up
 * reaches, what was stored up to this moment. Deliveries with the position use the watermarks
 * instead (withdrawal-watermark.ts), which need no margin. Past the moment it
 * was recorded by the request-time margin, because a request that read its grants just before
 * stores just after (and clocks of different hosts differ a little). What arrived later than that
 * came under a new grant and stays.
 */
export function removalBound(withdrawnAt: string): string {
  return new Date(Date.parse(withdrawnAt) + IN_FLIGHT_MS).toISOString();
}
