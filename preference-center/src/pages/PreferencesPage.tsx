import { useState } from 'react';
import { useQuery } from 'urql';
import { PREFERENCES_PAGE } from '../api/operations.js';
import type { CatalogFacets, StatedPreference } from '../api/types.js';
import { usePreferenceChanges } from '../api/use-preference-changes.js';
import { ConsentPrompt, requiredPurpose } from '../components/ConsentPrompt.js';
import { ErrorMessage, Loading, StatusMessage } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { PreferenceForm } from '../components/PreferenceForm.js';
import { PreferenceRow } from '../components/PreferenceRow.js';
import { KIND_WORDS, SENTIMENT_WORDS } from '../lib/preference-words.js';

const STATED = 'personalization.stated';

interface PreferencesData {
  me: { id: string; grantedPurposes: string[]; statedPreferences: StatedPreference[] } | null;
  catalogFacets: CatalogFacets;
}

/** What the customer told us they like, dislike or never want to see. */
export function PreferencesPage() {
  const [result, refetch] = useQuery<PreferencesData>({ query: PREFERENCES_PAGE, requestPolicy: 'network-only' });
  const changes = usePreferenceChanges();
  const [status, setStatus] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const after = (message: string) => (ok: boolean) => {
    setStatus(ok ? message : null);
    if (ok) reload();
    return ok;
  };

  const me = result.data?.me;
  const statedAllowed = me?.grantedPurposes.includes(STATED) ?? true;
  const missingConsent = requiredPurpose(changes.error) ?? (statedAllowed ? null : STATED);
  const preferences = me?.statedPreferences ?? [];

  return (
    <>
      <PageHeading title="Your preferences">
        Tell us what you like, what you'd rather see less of, and what you never want to see. “Never” also hides promotions. You can change or remove
        anything here at any time.
      </PageHeading>
      {result.fetching && !result.data && <Loading what="your preferences" />}
      <ErrorMessage error={result.error} />
      {missingConsent && (
        <section className="card notice" aria-labelledby="stated-off-title">
          <h2 id="stated-off-title">Preferences are switched off</h2>
          <p>
            We only keep what you tell us while “personalization from what you tell us” is on. Switch it on below to add preferences; switching it off
            later deletes them.
          </p>
          <ConsentPrompt
            purpose={missingConsent}
            onGranted={() => {
              changes.clearError();
              reload();
            }}
          />
        </section>
      )}
      <ErrorMessage error={requiredPurpose(changes.error) ? null : changes.error} />
      <StatusMessage text={status} />
      <PreferenceForm
        facets={result.data?.catalogFacets}
        busy={changes.busy}
        onSubmit={async (input) =>
          after(`Added: ${SENTIMENT_WORDS[input.sentiment]} — ${KIND_WORDS[input.kind]} ${input.value}.`)(await changes.add(input))
        }
      />
      <section className="card" aria-labelledby="preferences-title">
        <h2 id="preferences-title">What you told us</h2>
        {me && preferences.length === 0 && <p>Nothing yet.</p>}
        {preferences.length > 0 && (
          <table className="preferences">
            <caption className="visually-hidden">Your stated preferences</caption>
            <thead>
              <tr>
                <th scope="col">About</th>
                <th scope="col">How you feel</th>
                <th scope="col">How strongly</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {preferences.map((p) => (
                <PreferenceRow
                  key={`${p.id}-${p.sentiment}-${p.weight}`}
                  preference={p}
                  busy={changes.busy}
                  onSave={async (input) => after(`Saved: ${KIND_WORDS[p.kind]} ${p.value}.`)(await changes.update(p.id, input))}
                  onRemove={async () => after(`Removed: ${KIND_WORDS[p.kind]} ${p.value}.`)(await changes.remove(p.id))}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
