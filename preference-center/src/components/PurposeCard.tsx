import type { Consent, PurposeInfo } from '../api/types.js';
import { useStrings, type Strings } from '../i18n/locale.js';
import { InlineFeedback, type ActionFeedback } from './Feedback.js';
import { Switch } from './Switch.js';

/** How Global Privacy Control touched this purpose, if it did. */
export type GpcNote = 'turned-off-by-gpc' | 'chosen-despite-gpc' | null;

/** One purpose: its plain-language notice, what data it covers, and a switch to allow or stop it. */
export function PurposeCard(props: {
  purpose: PurposeInfo;
  consent: Consent | undefined;
  busy: boolean;
  onChange: (granted: boolean) => void;
  feedback?: ActionFeedback | null;
  gpc?: GpcNote;
}) {
  const t = useStrings();
  const { purpose, consent, busy } = props;
  const { notice } = purpose;
  const granted = purpose.alwaysOn || (consent?.granted ?? false);
  const headingId = `purpose-${purpose.id}-title`;
  const effectId = `purpose-${purpose.id}-effect`;
  return (
    <article className="card purpose" aria-labelledby={headingId} data-purpose={purpose.id}>
      <div className="purpose-header">
        <h3 id={headingId}>{notice.title}</h3>
        {purpose.alwaysOn ? (
          <span className="badge">{t.purpose.alwaysOn}</span>
        ) : (
          <Switch
            id={`switch-${purpose.id}`}
            checked={granted}
            busy={busy}
            label={t.purpose.allow(notice.title)}
            describedBy={effectId}
            onChange={props.onChange}
          />
        )}
      </div>
      <InlineFeedback feedback={props.feedback ?? null} target={purpose.id} />
      <p>{notice.text}</p>
      <dl className="facts">
        <dt>{t.purpose.dataCovered}</dt>
        <dd>{notice.dataCategories.length > 0 ? t.words.list(notice.dataCategories) : t.purpose.noData}</dd>
        <dt>{t.purpose.keptFor}</dt>
        <dd>{t.formatRetention(notice.retentionDays)}</dd>
        <dt>{t.purpose.notice}</dt>
        <dd>{t.purpose.noticeVersion(notice.version, t.formatDate(notice.effectiveAt))}</dd>
        {consent?.decidedAt && (
          <>
            <dt>{t.purpose.yourChoice}</dt>
            <dd data-choice>
              {t.purpose.choiceOn(describeStatus(t, consent, props.gpc ?? null), t.formatDateTime(consent.decidedAt))}
              {consent.noticeVersion ? t.purpose.choiceNoticeVersion(consent.noticeVersion) : ''}
              {consent.expiresAt ? t.purpose.choiceUntil(t.formatDate(consent.expiresAt)) : ''}
            </dd>
          </>
        )}
      </dl>
      <p id={effectId} className="effect">
        {purpose.alwaysOn ? t.purpose.effectAlwaysOn : granted ? t.purpose.effectOn : t.purpose.effectOff}
      </p>
      {consent?.needsReconsent && <p className="reconsent-note">{t.purpose.reconsentNote}</p>}
    </article>
  );
}

function describeStatus(t: Strings, consent: Consent, gpc: GpcNote): string {
  if (consent.needsReconsent) return t.purpose.agreedEarlier;
  switch (consent.status) {
    case 'GRANTED':
      return gpc === 'chosen-despite-gpc' ? t.purpose.allowedDespiteGpc : t.words.statuses.GRANTED;
    case 'WITHDRAWN':
      return t.words.statuses.WITHDRAWN;
    case 'EXPIRED':
      return t.words.statuses.EXPIRED;
    default:
      return gpc === 'turned-off-by-gpc' ? t.purpose.offByGpc : t.words.statuses.DENIED;
  }
}
