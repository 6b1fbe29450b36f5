import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import type { ActionFeedback } from '../components/Feedback.js';
import { navigate } from '../lib/router.js';
import { DISMISS_RECOMMENDATION } from './operations.js';
import type { Control, StatedPreferenceInput } from './types.js';
import { useConsents } from './use-consents.js';
import { existingPreference, usePreferenceChanges } from './use-preference-changes.js';

/**
 * What each explanation control does, and whether it can be done here. Every outcome is reported as
 * feedback the page shows in view, with an undo where the action can be taken back.
 */
export function useRecommendationControls(decisionId: string | undefined, onDone: (feedback: ActionFeedback, refresh: boolean) => void) {
  const consents = useConsents();
  const preferences = usePreferenceChanges();
  const [, dismiss] = useMutation(DISMISS_RECOMMENDATION);
  const [dismissError, setDismissError] = useState<CombinedError | null>(null);

  const lessOf = async (category: string, itemId: string, replace: boolean): Promise<void> => {
    const input: StatedPreferenceInput = { kind: 'CATEGORY', value: category, sentiment: 'DISLIKE' };
    const { error, saved } = await preferences.add(input, replace);
    const existing = existingPreference(error);
    if (existing) {
      const was = existing.sentiment === 'LIKE' ? 'that you like it' : existing.sentiment === 'NEVER' ? 'never to show it' : 'to show less of it';
      return onDone(
        {
          target: itemId,
          error: `You already told us ${was} (${category}). Nothing was changed.`,
          actions: [
            { label: `Show me less ${category} instead`, run: () => void lessOf(category, itemId, true) },
            { label: 'Keep what I told you', run: () => onDone({ target: itemId, text: `Kept your preference for ${category}.` }, false) },
          ],
        },
        false,
      );
    }
    if (error || !saved) return;
    onDone(
      {
        target: itemId,
        text: `Noted: less ${category}. Here is your updated list.`,
        actions: replace
          ? []
          : [
              {
                label: `Undo: show ${category} as before`,
                run: async () => {
                  const undone = await preferences.remove(saved.id);
                  if (!undone.error) onDone({ target: itemId, text: `Undone: ${category} is back as before.` }, true);
                },
              },
            ],
      },
      true,
    );
  };

  const act = async (control: Control, itemId: string): Promise<void> => {
    setDismissError(null);
    switch (control.action) {
      case 'WITHDRAW_PURPOSE':
        if (control.purpose && !(await consents.setConsent(control.purpose, false)))
          onDone({ target: itemId, text: 'Switched off, and the data kept only for it is deleted. Here is your list without it.' }, true);
        return;
      case 'DISLIKE_CATEGORY':
        if (control.target) await lessOf(control.target, itemId, false);
        return;
      case 'HIDE_ITEM': {
        if (!decisionId) return;
        const outcome = await dismiss({ decisionId, itemId: control.target ?? itemId });
        if (outcome.error) setDismissError(outcome.error);
        else onDone({ target: itemId, text: outcome.data?.dismissRecommendation?.message ?? 'Hidden. Here is your updated list.' }, true);
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
    error: consents.error ?? (existingPreference(preferences.error) ? null : preferences.error) ?? dismissError,
  };
}
