import { useState } from 'react';
import { useMutation, type CombinedError } from 'urql';
import { ADD_PREFERENCE, REMOVE_PREFERENCE, UPDATE_PREFERENCE } from './operations.js';
import type { StatedPreference, StatedPreferenceInput } from './types.js';

export interface ChangeOutcome {
  error: CombinedError | null;
  /** The preference as stored, after an add or an update. */
  saved: StatedPreference | null;
}

/** Add, edit and remove stated preferences; each answers with its outcome and keeps the last error. */
export function usePreferenceChanges() {
  const [, add] = useMutation(ADD_PREFERENCE);
  const [, update] = useMutation(UPDATE_PREFERENCE);
  const [, remove] = useMutation(REMOVE_PREFERENCE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError | null>(null);

  const run = async (change: () => Promise<{ error?: CombinedError; data?: Record<string, unknown> }>): Promise<ChangeOutcome> => {
    setBusy(true);
    setError(null);
    const outcome = await change();
    setBusy(false);
    setError(outcome.error ?? null);
    const saved = (outcome.data?.addStatedPreference ?? outcome.data?.updateStatedPreference ?? null) as StatedPreference | null;
    return { error: outcome.error ?? null, saved };
  };

  return {
    busy,
    error,
    clearError: () => setError(null),
    /** Adds; one already stored for the same kind and value is refused (CONFLICT) unless `replace`. */
    add: (input: StatedPreferenceInput, replace = false) => run(() => add({ input, replace })),
    update: (id: string, input: StatedPreferenceInput) => run(() => update({ id, input })),
    remove: (id: string) => run(() => remove({ id })),
  };
}

/** The preference an add was refused for, because one for the same kind and value is already stored. */
export function existingPreference(error: CombinedError | null): StatedPreference | null {
  const extensions = error?.graphQLErrors[0]?.extensions;
  return extensions?.code === 'CONFLICT' && extensions.existing ? (extensions.existing as StatedPreference) : null;
}
