import type { Consent, PurposeInfo } from '../api/types.js';
import { formatDate, formatDateTime, formatRetention } from '../lib/format.js';
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
          <span className="badge">Always on</span>
        ) : (
          <Switch
            id={`switch-${purpose.id}`}
            checked={granted}
            busy={busy}
            label={`Allow: ${notice.title}`}
            describedBy={effectId}
            onChange={props.onChange}
          />
        )}
      </div>
      <InlineFeedback feedback={props.feedback ?? null} target={purpose.id} />
      <p>{notice.text}</p>
      <dl className="facts">
        <dt>Data covered</dt>
        <dd>{notice.dataCategories.length > 0 ? notice.dataCategories.join(', ') : 'none'}</dd>
        <dt>Kept for</dt>
        <dd>{formatRetention(notice.retentionDays)}</dd>
        <dt>Notice</dt>
        <dd>
          version {notice.version}, in effect since {formatDate(notice.effectiveAt)}
        </dd>
        {consent?.decidedAt && (
          <>
            <dt>Your choice</dt>
            <dd data-choice>
              {describeStatus(consent, props.gpc ?? null)} on {formatDateTime(consent.decidedAt)}
              {consent.noticeVersion ? ` (notice version ${consent.noticeVersion})` : ''}
              {consent.expiresAt ? `, until ${formatDate(consent.expiresAt)}` : ''}
            </dd>
          </>
        )}
      </dl>
      <p id={effectId} className="effect">
        {purpose.alwaysOn
          ? 'Needed to run your account. It is never used to personalize what you see.'
          : granted
            ? 'Switching this off stops its use from your next visit and deletes the data we collected only for it.'
            : 'Off: we do not collect or use this data. You can switch it on or off again at any time.'}
      </p>
      {consent?.needsReconsent && (
        <p className="reconsent-note">This notice changed since you agreed. Your earlier choice no longer counts until you switch it on again.</p>
      )}
    </article>
  );
}

function describeStatus(consent: Consent, gpc: GpcNote): string {
  if (consent.needsReconsent) return 'Agreed to an earlier notice';
  switch (consent.status) {
    case 'GRANTED':
      return gpc === 'chosen-despite-gpc' ? 'Allowed by you, despite Global Privacy Control,' : 'Allowed';
    case 'WITHDRAWN':
      return 'Switched off';
    case 'EXPIRED':
      return 'Expired';
    default:
      return gpc === 'turned-off-by-gpc' ? 'Switched off by your browser’s Global Privacy Control signal' : 'Declined';
  }
}
