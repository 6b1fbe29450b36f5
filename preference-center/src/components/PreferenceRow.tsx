import { useEffect, useId, useState } from 'react';
import type { Sentiment, StatedPreference, StatedPreferenceInput } from '../api/types.js';
import { useStrings } from '../i18n/locale.js';
import { describePreference } from '../lib/preference-words.js';
import { InlineFeedback, type ActionFeedback } from './Feedback.js';
import { WordSelect } from './WordSelect.js';

/**
 * One stated preference: change how you feel about it or how strongly, or remove it. Buttons are
 * never `disabled` while saving (a disabled button drops keyboard focus): they say so and ignore clicks.
 */
export function PreferenceRow(props: {
  preference: StatedPreference;
  busy: boolean;
  feedback: ActionFeedback | null;
  onSave: (input: StatedPreferenceInput) => void;
  onRemove: () => void;
}) {
  const t = useStrings();
  const { preference } = props;
  const id = useId();
  const [sentiment, setSentiment] = useState<Sentiment>(preference.sentiment);
  const [weight, setWeight] = useState(String(preference.weight));
  useEffect(() => {
    setSentiment(preference.sentiment);
    setWeight(String(preference.weight));
  }, [preference.sentiment, preference.weight]);
  const changed = sentiment !== preference.sentiment || Number(weight) !== preference.weight;
  const name = describePreference(t, preference);
  return (
    <tr id={`preference-${preference.id}`} data-preference={`${preference.kind}:${preference.value}`}>
      <th scope="row">
        <span className="kind">{t.words.kinds[preference.kind]}</span> {preference.value}
        <InlineFeedback feedback={props.feedback} target={preference.id} />
      </th>
      <td data-label={t.preferences.howYouFeel}>
        <label className="visually-hidden" htmlFor={`${id}-sentiment`}>
          {t.preferences.howYouFeelAbout(name)}
        </label>
        <WordSelect id={`${id}-sentiment`} value={sentiment} words={t.words.sentiments} onChange={setSentiment} />
      </td>
      <td data-label={t.preferences.howStrongly}>
        <label className="visually-hidden" htmlFor={`${id}-weight`}>
          {t.preferences.howStronglyFor(name)}
        </label>
        <input id={`${id}-weight`} type="number" min="0.1" max="5" step="0.1" value={weight} onChange={(e) => setWeight(e.target.value)} />
      </td>
      <td className="actions">
        <button
          type="button"
          aria-disabled={!changed || props.busy}
          onClick={() => {
            if (changed && !props.busy) props.onSave({ kind: preference.kind, value: preference.value, sentiment, weight: Number(weight) });
          }}
        >
          {props.busy && changed ? t.preferences.saving : t.preferences.save}
          <span className="visually-hidden"> {name}</span>
        </button>
        <button
          type="button"
          className="secondary"
          aria-disabled={props.busy}
          onClick={() => {
            if (!props.busy) props.onRemove();
          }}
        >
          {t.preferences.remove}
          <span className="visually-hidden"> {name}</span>
        </button>
      </td>
    </tr>
  );
}
