import { useId, useState } from 'react';
import type { CatalogFacets, PreferenceKind, Sentiment, StatedPreferenceInput } from '../api/types.js';
import { useStrings } from '../i18n/locale.js';
import { InlineFeedback, type ActionFeedback } from './Feedback.js';
import { WordSelect } from './WordSelect.js';

/** The feedback target of this form. */
export const FORM_TARGET = 'new-preference';

const PRICE_SUGGESTIONS = ['0-25', '25-50', '50-100', '100-250', '250-1000'];

function suggestionsFor(kind: PreferenceKind, facets: CatalogFacets | undefined): string[] {
  if (kind === 'PRICE_RANGE') return PRICE_SUGGESTIONS;
  if (!facets) return [];
  return kind === 'CATEGORY' ? facets.categories : kind === 'BRAND' ? facets.brands : facets.attributes;
}

/** Adds a like, dislike or "never" for a category, brand, feature or price range, with catalog suggestions. */
export function PreferenceForm(props: {
  facets: CatalogFacets | undefined;
  busy: boolean;
  feedback: ActionFeedback | null;
  onSubmit: (input: StatedPreferenceInput) => Promise<boolean>;
}) {
  const t = useStrings();
  const id = useId();
  const [kind, setKind] = useState<PreferenceKind>('CATEGORY');
  const [value, setValue] = useState('');
  const [sentiment, setSentiment] = useState<Sentiment>('LIKE');
  const [weight, setWeight] = useState('1');
  const suggestions = suggestionsFor(kind, props.facets);

  return (
    <form
      className="card preference-form"
      aria-labelledby={`${id}-title`}
      onSubmit={async (event) => {
        event.preventDefault();
        if (props.busy) return;
        if (await props.onSubmit({ kind, value: value.trim(), sentiment, weight: Number(weight) })) setValue('');
      }}
    >
      <h2 id={`${id}-title`}>{t.preferences.formHeading}</h2>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t.preferences.whatIsIt}</label>
        <WordSelect id={`${id}-kind`} value={kind} words={t.words.kinds} onChange={setKind} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-value`}>{kind === 'PRICE_RANGE' ? t.preferences.priceRange : t.preferences.name(t.words.kinds[kind])}</label>
        <input id={`${id}-value`} list={`${id}-suggestions`} required value={value} autoComplete="off" onChange={(e) => setValue(e.target.value)} />
        <datalist id={`${id}-suggestions`}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
      <fieldset className="field">
        <legend>{t.preferences.feelLegend}</legend>
        {(Object.keys(t.words.sentiments) as Sentiment[]).map((s) => (
          <label key={s} className="choice">
            <input type="radio" name={`${id}-sentiment`} value={s} checked={sentiment === s} onChange={() => setSentiment(s)} />
            {t.words.sentiments[s]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-weight`}>{t.preferences.strength}</label>
        <input id={`${id}-weight`} type="number" min="0.1" max="5" step="0.1" value={weight} onChange={(e) => setWeight(e.target.value)} />
      </div>
      <button type="submit" aria-disabled={props.busy}>
        {props.busy ? t.preferences.adding : t.preferences.add}
      </button>
      <InlineFeedback feedback={props.feedback} target={FORM_TARGET} />
    </form>
  );
}
