import { Purpose, type PurposeId } from '../shared/purposes.js';

export interface NoticeText {
  purpose: PurposeId;
  title: string;
  text: string;
  dataCategories: string[];
  retentionDays: number;
}

/** Version 1 of every purpose's notice, in plain language (SPEC §4). */
export const INITIAL_NOTICES: readonly NoticeText[] = [
  {
    purpose: Purpose.ESSENTIAL,
    title: 'Running the shop',
    text: 'We use your account details and orders to run the shop: sign-in, checkout, delivery and returns. This is always on and is never used to personalize what you see.',
    dataCategories: ['account', 'orders'],
    retentionDays: 3650,
  },
  {
    purpose: Purpose.STATED,
    title: 'Recommendations from what you tell us',
    text: 'We use the likes, dislikes and "never show" choices you enter in this preference center to choose products for you. Nothing else.',
    dataCategories: ['stated preferences'],
    retentionDays: 730,
  },
  {
    purpose: Purpose.BEHAVIORAL,
    title: 'Recommendations from what you browse',
    text: 'We use the products you view, search for, add to your cart, rate or dismiss in our own shop and app to choose products for you. We never use data from other websites.',
    dataCategories: ['views', 'searches', 'cart', 'ratings', 'dismissals'],
    retentionDays: 180,
  },
  {
    purpose: Purpose.PURCHASE,
    title: 'Recommendations from what you buy',
    text: 'We use what you bought from us to suggest things that go with it and to stop suggesting durable things you already own.',
    dataCategories: ['purchases'],
    retentionDays: 730,
  },
  {
    purpose: Purpose.MODEL_TRAINING,
    title: 'Help improve recommendations for everyone',
    text: 'Your activity may be combined with other customers\' to learn which products go together ("customers who bought this also bought"). If you turn this off, your part is removed from the model before your next visit.',
    dataCategories: ['views', 'purchases'],
    retentionDays: 365,
  },
  {
    purpose: Purpose.ANALYTICS,
    title: 'Shop statistics',
    text: 'We count visits and clicks to understand how the shop is used, in aggregate.',
    dataCategories: ['usage statistics'],
    retentionDays: 395,
  },
  {
    purpose: Purpose.MARKETING_EMAIL,
    title: 'Marketing emails',
    text: 'We may send you emails about offers and new products.',
    dataCategories: ['email address', 'stated preferences'],
    retentionDays: 730,
  },
  {
    purpose: Purpose.MARKETING_PUSH,
    title: 'Push notifications',
    text: 'We may send notifications about offers to our app on your devices.',
    dataCategories: ['device token'],
    retentionDays: 365,
  },
  {
    purpose: Purpose.SHARE_PARTNERS,
    title: 'Sharing with partner brands',
    text: 'We may share your stated preferences with partner brands that sell through our shop, so they can tailor their own offers. This counts as "sharing" under privacy laws; Global Privacy Control turns it off.',
    dataCategories: ['stated preferences'],
    retentionDays: 365,
  },
];
