import { useEffect, useId, useState } from 'react';
import type { Sentiment, StatedPreference, StatedPreferenceInput } from '../api/types.js';
import { KIND_WORDS, SENTIMENT_WORDS } from '../lib/preference-words.js';
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
  const { preference } = props;
  const id = useId();
  const [sentiment, setSentiment] = useState<Sentiment>(preference.sentiment);
  const [weight, setWeight] = useState(String(preference.weight));
  useEffect(() => {
    setSentiment(preference.sentiment);
    setWeight(String(preference.weight));
  }, [preference.sentiment, preference.weight]);
  const changed = sentiment !== preference.sentiment || Number(weight) !== preference.weight;
  const name = `${KIND_WORDS[preference.kind]} ${preference.value}`;
  return (
    <tr id={`preference-${preference.id}`} data-preference={`${preference.kind}:${preference.value}`}>
      <th scope="row">
        <span className="kind">{KIND_WORDS[preference.kind]}</span> {preference.value}
        <InlineFeedback feedback={props.feedback} target={preference.id} />
      </th>
      <td data-label="How you feel">
        <label className="visually-hidden" htmlFor={`${id}-sentiment`}>
          How you feel about {name}
        </label>
        <WordSelect id={`${id}-sentiment`} value={sentiment} words={SENTIMENT_WORDS} onChange={setSentiment} />
      </td>
      <td data-label="How strongly">
        <label className="visually-hidden" htmlFor={`${id}-weight`}>
          How strongly, for {name}
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
          {props.busy && changed ? 'Saving…' : 'Save'}
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
          Remove<span className="visually-hidden"> {name}</span>
        </button>
      </td>
    </tr>
  );
}
