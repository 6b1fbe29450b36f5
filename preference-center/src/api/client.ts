import { cacheExchange, createClient, fetchExchange, mapExchange } from 'urql';
import { currentSession, endSession } from '../auth/session.js';
import { errorCode } from './errors.js';

/**
 * The GraphQL client: same origin `/graphql` only, with the session's token when signed in. A new
 * one per session, so that one customer's cached answers are never shown to the next.
 */
export const createApiClient = () =>
  createClient({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => {
      const session = currentSession();
      // Names this app, so consent receipts say the decision was made in the preference center.
      const headers: Record<string, string> = { 'apollographql-client-name': 'preference-center' };
      if (session) headers.authorization = `Bearer ${session.token}`;
      return {
        credentials: 'omit',
        headers,
      };
    },
    exchanges: [
      mapExchange({
        onError(error) {
          // An expired or revoked sign-in: back to the sign-in page, which says why.
          if (errorCode(error) === 'UNAUTHENTICATED') endSession();
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
  });
