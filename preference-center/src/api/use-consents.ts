import { useCallback, useState } from 'react';
import { useMutation, useQuery, type CombinedError } from 'urql';
import { CONSENT_PAGE, SET_CONSENT } from './operations.js';
import type { Consent, PurposeInfo } from './types.js';
import { byPurposeOrder } from '../lib/format.js';

interface ConsentPageData {
  purposes: PurposeInfo[];
  me: { id: string; consents: Consent[] } | null;
}

/** Purposes with their notices, the customer's current consents, and one way to change them. */
export function useConsents() {
  const [result, refetch] = useQuery<ConsentPageData>({ query: CONSENT_PAGE });
  const [, setConsentMutation] = useMutation(SET_CONSENT);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<CombinedError | null>(null);

  const purposes = [...(result.data?.purposes ?? [])].sort((a, b) => byPurposeOrder(a.id, b.id));
  const consents = new Map((result.data?.me?.consents ?? []).map((c) => [c.purpose, c]));

  /** Grants the current notice version, or withdraws; answers with the error, or null when it worked. */
  const setConsent = useCallback(
    async (purpose: string, granted: boolean): Promise<CombinedError | null> => {
      const notice = result.data?.purposes.find((p) => p.id === purpose)?.notice;
      setPending(purpose);
      setError(null);
      // One key per decision: if the answer is lost and the request is sent again, the first decision stands.
      const outcome = await setConsentMutation({ purpose, granted, noticeVersion: notice?.version ?? 1, idempotencyKey: crypto.randomUUID() });
      setPending(null);
      if (outcome.error) {
        setError(outcome.error);
        return outcome.error;
      }
      refetch({ requestPolicy: 'network-only' });
      return null;
    },
    [result.data, setConsentMutation, refetch],
  );

  return { result, purposes, consents, setConsent, pending, error, refetch };
}
