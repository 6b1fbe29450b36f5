import { useId, useState } from 'react';
import type { Sentiment, StatedPreference, StatedPreferenceInput } from '../api/types.js';
import { KIND_WORDS, SENTIMENT_WORDS } from '../lib/preference-words.js';
import { WordSelect } from './WordSelect.js';

/** One stated preference: change how you feel about it or how strongly, or remove it. */
export function PreferenceRow(props: {
  preference: StatedPreference;
  busy: boolean;
  onSave: (input: StatedPreferenceInput) => Promise<boolean>;
  onRemove: () => void;
}) {
  const { preference } = props;
  const id = useId();
  const [sentiment, setSentiment] = useState<Sentiment>(preference.sentiment);
  const [weight, setWeight] = useState(String(preference.weight));
  const changed = sentiment !== preference.sentiment || Number(weight) !== preference.weight;
  const name = `${KIND_WORDS[preference.kind]} ${preference.value}`;
  return (
    <tr id={`preference-${preference.id}`} data-preference={`${preference.kind}:${preference.value}`}>
      <th scope="row">
        <span className="kind">{KIND_WORDS[preference.kind]}</span> {preference.value}
      </th>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-sentiment`}>
          How you feel about {name}
        </label>
        <WordSelect id={`${id}-sentiment`} value={sentiment} words={SENTIMENT_WORDS} onChange={setSentiment} />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-weight`}>
          How strongly, for {name}
        </label>
        <input id={`${id}-weight`} type="number" min="0.1" max="5" step="0.1" value={weight} onChange={(e) => setWeight(e.target.value)} />
      </td>
      <td className="actions">
        <button
          type="button"
          disabled={!changed || props.busy}
          onClick={() => props.onSave({ kind: preference.kind, value: preference.value, sentiment, weight: Number(weight) })}
        >
          Save<span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="secondary" disabled={props.busy} onClick={props.onRemove}>
          Remove<span className="visually-hidden"> {name}</span>
        </button>
      </td>
    </tr>
  );
}
