import { useState } from 'react';
import type { Recommendation } from '../api/types.js';
import { formatPrice } from '../lib/format.js';
import { ExplanationPanel, type ControlHandling } from './ExplanationPanel.js';
import { ItemImage } from './ItemImage.js';

const SLOT_WORDS: Record<Recommendation['slot'], string> = {
  KNOWN: 'Matches what you like',
  ADJACENT: 'Close to what you like',
  WILDCARD: 'Something new to explore',
};

/** One recommended item, with the "Why am I seeing this?" disclosure. */
export function RecommendationCard(props: ControlHandling & { recommendation: Recommendation; personalized: boolean; holdout: boolean }) {
  const { recommendation } = props;
  const { item } = recommendation;
  const [open, setOpen] = useState(false);
  const panelId = `why-${recommendation.itemId}`;
  return (
    <li className="card recommendation" data-item-id={recommendation.itemId} data-category={item.category}>
      <ItemImage category={item.category} brand={item.brand} />
      <h2 className="item-title" tabIndex={-1}>
        {item.title}
      </h2>
      <p className="meta">
        {item.category} · {item.brand} · <span className="price">{formatPrice(item.price, item.currency)}</span>
      </p>
      <p className="tags">
        {recommendation.promoted && <span className="badge badge-promoted">Promoted</span>}
        {props.personalized && <span className="badge">{SLOT_WORDS[recommendation.slot]}</span>}
      </p>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        Why am I seeing this?<span className="visually-hidden"> {item.title}</span>
      </button>
      {open && (
        <ExplanationPanel id={panelId} recommendation={recommendation} holdout={props.holdout} busy={props.busy} onControl={props.onControl} />
      )}
    </li>
  );
}
