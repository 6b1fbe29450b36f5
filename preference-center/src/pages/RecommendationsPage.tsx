import { useEffect, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { RECOMMENDATIONS } from '../api/operations.js';
import type { RecommendationList } from '../api/types.js';
import { useRecommendationControls } from '../api/use-recommendation-controls.js';
import { ConsentPrompt, requiredPurpose } from '../components/ConsentPrompt.js';
import { ErrorMessage, Loading, Toast, type ActionFeedback } from '../components/Feedback.js';
import { PageHeading } from '../components/PageHeading.js';
import { RecommendationCard } from '../components/RecommendationCard.js';
import { useStrings } from '../i18n/locale.js';

/** The current list, each item with why it is here and what you can do about it. */
export function RecommendationsPage() {
  const t = useStrings();
  const [result, refetch] = useQuery<{ me: { id: string; recommendations: RecommendationList } | null }>({
    query: RECOMMENDATIONS,
    requestPolicy: 'network-only',
  });
  const [feedback, setFeedback] = useState<ActionFeedback | null>(null);
  /** Where in the list the last action happened: focus returns there when its control is gone. */
  const actedAt = useRef<number | null>(null);
  const list = result.data?.me?.recommendations;
  const controls = useRecommendationControls(list?.decisionId, (next, refresh) => {
    setFeedback(next);
    if (refresh) refetch({ requestPolicy: 'network-only' });
  });
  const missingConsent = requiredPurpose(controls.error);

  useEffect(() => {
    if (actedAt.current === null || !list) return;
    const position = actedAt.current;
    actedAt.current = null;
    if (document.activeElement && document.activeElement !== document.body) return;
    const cards = document.querySelectorAll<HTMLElement>('ol.recommendations > li .item-title');
    cards[Math.min(position, cards.length - 1)]?.focus();
  }, [list]);

  return (
    <>
      <PageHeading title={t.recommendations.title}>{t.recommendations.lead}</PageHeading>
      {result.fetching && !list && <Loading text={t.recommendations.loading} />}
      <ErrorMessage error={result.error} />
      {list && <ListDisclosure list={list} />}
      {missingConsent ? (
        <div className="card notice" role="alert">
          <p>{controls.error?.graphQLErrors[0]?.message}</p>
          <ConsentPrompt purpose={missingConsent} />
        </div>
      ) : (
        <Toast feedback={controls.error ? { target: 'list', error: controls.error } : feedback} onClose={() => setFeedback(null)} />
      )}
      {list && (
        <ol
          className="recommendations"
          aria-label={t.recommendations.listLabel}
          aria-busy={result.fetching || undefined}
          data-decision-id={list.decisionId}
          data-personalized={list.personalized}
        >
          {list.items.map((r, position) => (
            <RecommendationCard
              key={r.itemId}
              recommendation={r}
              personalized={list.personalized}
              holdout={list.holdout}
              busy={controls.busy}
              onControl={(control) => {
                setFeedback(null);
                actedAt.current = position;
                void controls.act(control, r.itemId, r.item.title);
              }}
            />
          ))}
        </ol>
      )}
    </>
  );
}

function ListDisclosure({ list }: { list: RecommendationList }) {
  const t = useStrings();
  const kind = list.holdout ? 'holdout' : list.personalized ? 'personalized' : 'general';
  return (
    <p className="card notice" data-list-kind={kind}>
      {t.recommendations[kind]}
    </p>
  );
}
