import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { ADD_PREFERENCE, REMOVE_PREFERENCE, UPDATE_PREFERENCE } from './operations.js';
import type { StatedPreferenceInput } from './types.js';

/** Add, edit and remove stated preferences; each answers whether it worked and keeps the last error. */
export function usePreferenceChanges() {
  const [, add] = useMutation(ADD_PREFERENCE);
  const [, update] = useMutation(UPDATE_PREFERENCE);
  const [, remove] = useMutation(REMOVE_PREFERENCE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);

  const run = async (change: () => Promise<{ error?: CombinedError }>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const outcome = await change();
    setBusy(false);
    setError(outcome.error ?? null);
    return !outcome.error;
  };

  return {
    busy,
    error,
    clearError: () => setError(null),
    add: (input: StatedPreferenceInput) => run(() => add({ input })),
    update: (id: string, input: StatedPreferenceInput) => run(() => update({ id, input })),
    remove: (id: string) => run(() => remove({ id })),
  };
}
