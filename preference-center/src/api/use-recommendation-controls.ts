import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import type { ActionFeedback } from '../components/Feedback.js';
import { navigate } from '../lib/router.js';
import { DISMISS_RECOMMENDATION, UNDO_DISMISSAL } from './operations.js';
import type { Control, StatedPreferenceInput } from './types.js';
import { useConsents } from './use-consents.js';
import { useStrings } from '../i18n/locale.js';
import { existingPreference, usePreferenceChanges } from './use-preference-changes.js';

/**
 * What each explanation control does, and whether it can be done here. Every outcome is reported as
 * feedback the page shows in view, with an undo where the action can be taken back.
 */
export function useRecommendationControls(decisionId: string | undefined, onDone: (feedback: ActionFeedback, refresh: boolean) => void) {
  const t = useStrings();
  const consents = useConsents();
  const preferences = usePreferenceChanges();
  const [, dismiss] = useMutation(DISMISS_RECOMMENDATION);
  const [, undoDismissal] = useMutation(UNDO_DISMISSAL);
  const [dismissError, setDismissError] = useState<CombinedError | null>(null);

  const lessOf = async (category: string, itemId: string, replace: boolean): Promise<void> => {
    const input: StatedPreferenceInput = { kind: 'CATEGORY', value: category, sentiment: 'DISLIKE' };
    const { error, saved } = await preferences.add(input, replace);
    const existing = existingPreference(error);
    if (existing) {
      const told =
        existing.sentiment === 'LIKE'
          ? t.recommendations.toldLike
          : existing.sentiment === 'NEVER'
            ? t.recommendations.toldNever
            : t.recommendations.toldLess;
      return onDone(
        {
          target: itemId,
          error: told(category),
          actions: [
            { label: t.recommendations.lessInstead(category), run: () => void lessOf(category, itemId, true) },
            { label: t.recommendations.keepTold, run: () => onDone({ target: itemId, text: t.recommendations.kept(category) }, false) },
          ],
        },
        false,
      );
    }
    if (error || !saved) return;
    onDone(
      {
        target: itemId,
        text: t.recommendations.lessNoted(category),
        actions: replace
          ? []
          : [
              {
                label: t.recommendations.undoLess(category),
                run: async () => {
                  const undone = await preferences.remove(saved.id);
                  if (!undone.error) onDone({ target: itemId, text: t.recommendations.lessUndone(category) }, true);
                },
              },
            ],
      },
      true,
    );
  };

  /** Runs a control of the item's explanation (its title names it in what the customer is told). */
  const act = async (control: Control, itemId: string, itemTitle: string): Promise<void> => {
    setDismissError(null);
    switch (control.action) {
      case 'WITHDRAW_PURPOSE':
        if (control.purpose && !(await consents.setConsent(control.purpose, false)))
          onDone({ target: itemId, text: t.recommendations.withdrawn }, true);
        return;
      case 'DISLIKE_CATEGORY':
        if (control.target) await lessOf(control.target, itemId, false);
        return;
      case 'HIDE_ITEM': {
        if (!decisionId) return;
        const hidden = { decisionId, itemId: control.target ?? itemId };
        const outcome = await dismiss(hidden);
        if (outcome.error) return setDismissError(outcome.error);
        const undo = async () => {
          const undone = await undoDismissal(hidden);
          if (undone.error) setDismissError(undone.error);
          else onDone({ target: itemId, text: t.recommendations.unhidden(itemTitle) }, true);
        };
        onDone(
          {
            target: itemId,
            text: t.recommendations.hidden(itemTitle),
            actions: [{ label: t.recommendations.undoHide(itemTitle), run: () => void undo() }],
          },
          true,
        );
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
