import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { SubgraphContext } from './context.js';
import { ErrorCode } from './errors.js';
import { refusal } from './refusal.js';

export interface ErasedAccounts {
  /** Whether this part's database says the customer was erased (read on each customer's write). */
  isErased(customerId: string): Promise<boolean>;
  /** Mutations an erased customer's token may still call: finishing the erasure itself. */
  stillAllowed?: readonly string[];
}

export const ERASED_ACCOUNT_MESSAGE = 'This account was erased, so its sign-in can no longer change anything.';

/**
 * From the moment a part has erased a customer, a mutation made with that customer's token is
 * refused there (FORBIDDEN) before any resolver runs. The state is read from the database on every
 * such request, so it holds on every instance; reads answer from what the database holds, which for
 * an erased customer is nothing.
 */
export function refuseErasedAccountWrites(accounts: ErasedAccounts): ApolloServerPlugin<SubgraphContext> {
  const allowed = new Set(accounts.stillAllowed ?? []);
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ operation, contextValue }) {
          const { principal } = contextValue;
          if (operation.operation !== 'mutation' || principal.role !== 'customer' || !principal.subject) return null;
          const fields = operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : ''));
          if (fields.every((name) => allowed.has(name))) return null;
          if (!(await accounts.isErased(principal.subject))) return null;
          return refusal(ErrorCode.FORBIDDEN, ERASED_ACCOUNT_MESSAGE);
        },
      };
    },
  };
}
