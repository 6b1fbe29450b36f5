import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { PREFERENCES_PAGE } from '../api/operations.js';
import type { CatalogFacets, StatedPreference, StatedPreferenceInput } from '../api/types.js';
import { existingPreference, usePreferenceChanges } from '../api/use-preference-changes.js';
import { ConsentPrompt, requiredPurpose } from '../components/ConsentPrompt.js';
import { ErrorMessage, InlineFeedback, Loading, type ActionFeedback } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { FORM_TARGET, PreferenceForm } from '../components/PreferenceForm.js';
import { PreferenceRow } from '../components/PreferenceRow.js';
import { useStrings } from '../i18n/locale.js';
import { describePreference, feelingWords as feeling } from '../lib/preference-words.js';

const STATED = 'personalization.stated';
const LIST_TARGET = 'preference-list';

interface PreferencesData {
  me: { id: string; grantedPurposes: string[]; statedPreferences: StatedPreference[] } | null;
  catalogFacets: CatalogFacets;
}

/** Moves focus to an element as soon as it is drawn (a restored row, an undo button, a message's first button). */
function useFocusWhenShown(): (selector: string) => void {
  const wanted = useRef<string | null>(null);
  const [, redraw] = useState(0);
  useEffect(() => {
    const element = wanted.current ? document.querySelector<HTMLElement>(wanted.current) : null;
    if (!element) return;
    wanted.current = null;
    element.focus();
  });
  return (selector) => {
    wanted.current = selector;
    redraw((n) => n + 1);
  };
}

/** What the customer told us they like, dislike or never want to see. */
export function PreferencesPage() {
  const t = useStrings();
  const said = (p: Pick<StatedPreference, 'kind' | 'value'>) => describePreference(t, p);
  const [result, refetch] = useQuery<PreferencesData>({ query: PREFERENCES_PAGE, requestPolicy: 'network-only' });
  const changes = usePreferenceChanges();
  const [feedback, setFeedback] = useState<ActionFeedback | null>(null);
  const focusSoon = useFocusWhenShown();
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const me = result.data?.me;
  const statedAllowed = me?.grantedPurposes.includes(STATED) ?? true;
  const missingConsent = requiredPurpose(changes.error) ?? (statedAllowed ? null : STATED);
  const preferences = me?.statedPreferences ?? [];

  const add = async (input: StatedPreferenceInput, replace = false): Promise<boolean> => {
    setFeedback(null);
    const { error, saved } = await changes.add(input, replace);
    const existing = existingPreference(error);
    if (existing) {
      setFeedback({
        target: FORM_TARGET,
        error: t.preferences.alreadyHave(said(existing), feeling(t, existing)),
        actions: [
          { label: t.preferences.replaceWith(t.words.sentiments[input.sentiment]), run: () => void add(input, true) },
          { label: t.preferences.keepMine, run: () => setFeedback(null) },
        ],
      });
      focusSoon('.preference-form .message-actions button');
      return false;
    }
    if (error) {
      // An unknown value: the catalog's closest matches, each one click away.
      const suggestions = (error.graphQLErrors[0]?.extensions?.suggestions as string[] | undefined) ?? [];
      const actions = suggestions.map((value) => ({ label: t.preferences.addInstead(value), run: () => void add({ ...input, value }) }));
      if (!requiredPurpose(error)) setFeedback({ target: FORM_TARGET, error, actions });
      if (actions.length > 0) focusSoon('.preference-form .message-actions button');
      return false;
    }
    setFeedback({ target: FORM_TARGET, text: t.preferences[replace ? 'replaced' : 'added'](t.words.sentiments[input.sentiment], said(input)) });
    if (replace) focusSoon('.preference-form button[type="submit"]');
    reload();
    return Boolean(saved);
  };

  const save = async (p: StatedPreference, input: StatedPreferenceInput) => {
    const { error } = await changes.update(p.id, input);
    setFeedback(
      error
        ? { target: p.id, error }
        : { target: p.id, text: t.preferences.saved(said(p), feeling(t, { sentiment: input.sentiment, weight: input.weight ?? 1 })) },
    );
    if (!error) reload();
  };

  const remove = async (p: StatedPreference) => {
    const { error } = await changes.remove(p.id);
    if (error) return setFeedback({ target: p.id, error });
    setFeedback({
      target: LIST_TARGET,
      text: t.preferences.removed(said(p)),
      actions: [
        {
          label: t.preferences.undoRemove(said(p)),
          run: async () => {
            const restored = await changes.add({ kind: p.kind, value: p.value, sentiment: p.sentiment, weight: p.weight }, false);
            if (restored.error) return setFeedback({ target: LIST_TARGET, error: restored.error });
            setFeedback(restored.saved ? { target: restored.saved.id, text: t.preferences.broughtBack(said(p)) } : null);
            reload();
            if (restored.saved) focusSoon(`#preference-${CSS.escape(restored.saved.id)} select`);
          },
        },
      ],
    });
    reload();
    // The removed row's controls are gone: focus goes to the undo button, where the message is.
    focusSoon('#preference-list-feedback .message-actions button');
  };

  return (
    <>
      <PageHeading title={t.preferences.title}>{t.preferences.lead}</PageHeading>
      {result.fetching && !result.data && <Loading text={t.preferences.loading} />}
      <ErrorMessage error={result.error} />
      {missingConsent && (
        <section className="card notice" aria-labelledby="stated-off-title">
          <h2 id="stated-off-title">{t.preferences.offHeading}</h2>
          <p>{t.preferences.offText}</p>
          <ConsentPrompt
            purpose={missingConsent}
            onGranted={() => {
              changes.clearError();
              reload();
            }}
          />
        </section>
      )}
      <PreferenceForm facets={result.data?.catalogFacets} busy={changes.busy} feedback={feedback} onSubmit={(input) => add(input)} />
      <section className="card" aria-labelledby="preferences-title">
        <h2 id="preferences-title">{t.preferences.listHeading}</h2>
        <div id="preference-list-feedback">
          <InlineFeedback feedback={feedback} target={LIST_TARGET} />
        </div>
        {me && preferences.length === 0 && <p>{t.preferences.empty}</p>}
        {preferences.length > 0 && (
          <table className="preferences stack-on-small">
            <caption className="visually-hidden">{t.preferences.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.preferences.about}</th>
                <th scope="col">{t.preferences.howYouFeel}</th>
                <th scope="col">{t.preferences.howStrongly}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.preferences.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {preferences.map((p) => (
                <PreferenceRow
                  key={p.id}
                  preference={p}
                  busy={changes.busy}
                  feedback={feedback}
                  onSave={(input) => void save(p, input)}
                  onRemove={() => void remove(p)}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
