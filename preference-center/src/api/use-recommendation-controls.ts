import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { navigate } from '../lib/router.js';
import { DISMISS_RECOMMENDATION } from './operations.js';
import type { Control } from './types.js';
import { useConsents } from './use-consents.js';
import { usePreferenceChanges } from './use-preference-changes.js';

/** What each explanation control does, and whether it can be done here. */
export function useRecommendationControls(decisionId: string | undefined, onDone: (message: string) => void) {
  const consents = useConsents();
  const preferences = usePreferenceChanges();
  const [, dismiss] = useMutation(DISMISS_RECOMMENDATION);
  const [dismissError, setDismissError] = useState<CombinedError | null>(null);

  const act = async (control: Control, itemId: string): Promise<void> => {
    setDismissError(null);
    switch (control.action) {
      case 'WITHDRAW_PURPOSE':
        if (control.purpose && (await consents.setConsent(control.purpose, false))) onDone(`Switched off. Here is your list without it.`);
        return;
      case 'DISLIKE_CATEGORY':
        if (control.target && (await preferences.add({ kind: 'CATEGORY', value: control.target, sentiment: 'DISLIKE' })))
          onDone(`Noted: fewer ${control.target}. Here is your updated list.`);
        return;
      case 'HIDE_ITEM': {
        if (!decisionId) return;
        const outcome = await dismiss({ decisionId, itemId: control.target ?? itemId });
        if (outcome.error) setDismissError(outcome.error);
        else onDone(outcome.data?.dismissRecommendation?.message ?? 'Hidden. Here is your updated list.');
        return;
      }
      case 'EDIT_PREFERENCE':
        navigate('/preferences');
        return;
    }
  };

  return {
    act,
    busy: consents.pending !== null || preferences.busy,
    error: consents.error ?? preferences.error ?? dismissError,
  };
}
