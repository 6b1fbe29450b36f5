import type { AuthChecker } from 'type-graphql';
import type { SubgraphContext } from './context.js';
import { assertMayAccessCustomer, requireCustomer, requireRole, type Role } from './principal.js';

/**
 * What `@Authorized(...)` may name: roles (any of them will do), or `SELF` on a `Customer` field,
 * which the customer themself (or an administrator or internal service) may read.
 */
export type AccessRule = Role | typeof SELF;
export const SELF = 'self';

/**
 * The one auth checker of every subgraph. It refuses by throwing the coded error the client sees
 * (UNAUTHENTICATED without a sign-in, FORBIDDEN otherwise), never type-graphql's uncoded ones.
 * `customer` alone means a signed-in customer acting on themself.
 */
export const authChecker: AuthChecker<SubgraphContext, AccessRule> = ({ root, context }, rules) => {
  const { principal } = context;
  if (rules.includes(SELF)) assertMayAccessCustomer(principal, (root as { id: string }).id);
  else if (rules.length === 1 && rules[0] === 'customer') requireCustomer(principal);
  else requireRole(principal, ...(rules as Role[]));
  return true;
};
