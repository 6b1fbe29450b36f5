import { useState } from 'react';
import type { Recommendation } from '../api/types.js';
import { useStrings } from '../i18n/locale.js';
import { ExplanationPanel, type ControlHandling } from './ExplanationPanel.js';
import { ItemImage } from './ItemImage.js';

/** One recommended item, with the "Why am I seeing this?" disclosure. */
export function RecommendationCard(props: ControlHandling & { recommendation: Recommendation; personalized: boolean; holdout: boolean }) {
  const t = useStrings();
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
        {item.category} · {item.brand} · <span className="price">{t.formatPrice(item.price, item.currency)}</span>
      </p>
      {item.url && (
        <p className="product-link">
          <a href={item.url}>{t.recommendations.productLink(item.title)}</a>
        </p>
      )}
      <p className="tags">
        {recommendation.promoted && <span className="badge badge-promoted">{t.recommendations.promoted}</span>}
        {props.personalized && <span className="badge">{t.words.slots[recommendation.slot]}</span>}
      </p>
      <button type="button" className="link-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {t.recommendations.why}
        <span className="visually-hidden"> {item.title}</span>
      </button>
      {open && (
        <ExplanationPanel id={panelId} recommendation={recommendation} holdout={props.holdout} busy={props.busy} onControl={props.onControl} />
      )}
    </li>
  );
}
