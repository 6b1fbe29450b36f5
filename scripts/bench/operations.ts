import { print } from 'graphql';
import { CONSENT_PAGE } from '../../preference-center/src/api/operations.js';
import { Purpose } from '../../subgraphs/shared/purposes.js';

/** What the load generator needs to send realistic traffic: many customers, many categories. */
export interface Fixtures {
  /** Tokens of distinct customers (personalized list, consent page). */
  tokens: string[];
  /** Categories of the catalog (anonymous contextual list). */
  categories: string[];
  /** Customers who granted the withdrawn purpose, one disjoint share per connection. */
  withdrawers: string[];
  /** The notice version a re-grant of the withdrawn purpose names. */
  withdrawnNoticeVersion: number;
}

/** One HTTP request of an operation; `check` returns a problem with an answer, or undefined. */
export interface Step {
  body: (index: number, fixtures: Fixtures) => string;
  token?: (index: number, fixtures: Fixtures) => string | undefined;
  check?: (body: string) => string | undefined;
}

export interface Operation {
  name: OperationName;
  label: string;
  steps: Step[];
  /** Each connection keeps one customer for a whole sequence (writes that must not interleave). */
  customerPerConnection?: boolean;
}

export const OPERATION_NAMES = ['consentPage', 'personalizedList', 'anonymousList', 'withdrawThenList'] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

export const WITHDRAWN_PURPOSE = Purpose.PURCHASE;

export const PERSONALIZED_LIST = `query PersonalizedList { me { recommendations(first: 10) { decisionId items { itemId score explanation { summary } } } } }`;
const ANONYMOUS_LIST = `query AnonymousList($category: String) { recommendations(first: 10, context: { surface: PRODUCT_PAGE, pageCategory: $category }) { decisionId items { itemId score explanation { summary } } } }`;
/** The list after a withdrawal: every reason says which purpose allowed the data it used. */
const LIST_WITH_PURPOSES = `query ListAfterWithdrawal { me { recommendations(first: 10) { decisionId items { itemId explanation { summary reasons { dataUsed { purpose } } } } } } }`;
const SET_CONSENT = `mutation SetConsent($purpose: String!, $granted: Boolean!, $noticeVersion: Int) { setConsent(purpose: $purpose, granted: $granted, noticeVersion: $noticeVersion) { purpose granted status } }`;

const graphql = (query: string, variables?: Record<string, unknown>) => JSON.stringify({ query, variables });
const rotate = <T>(list: T[], index: number) => list[index % list.length];

const consentPageQuery = print(CONSENT_PAGE);

export const OPERATIONS: Record<OperationName, Operation> = {
  consentPage: {
    name: 'consentPage',
    label: 'consent page (preference center)',
    steps: [{ body: () => graphql(consentPageQuery), token: (i, f) => rotate(f.tokens, i) }],
  },
  personalizedList: {
    name: 'personalizedList',
    label: 'personalized list + explanations',
    steps: [{ body: () => graphql(PERSONALIZED_LIST), token: (i, f) => rotate(f.tokens, i) }],
  },
  anonymousList: {
    name: 'anonymousList',
    label: 'anonymous contextual list',
    steps: [{ body: (i, f) => graphql(ANONYMOUS_LIST, { category: rotate(f.categories, i) }) }],
  },
  withdrawThenList: {
    name: 'withdrawThenList',
    label: `withdraw ${WITHDRAWN_PURPOSE} → next list → grant again`,
    customerPerConnection: true,
    steps: [
      {
        body: () => graphql(SET_CONSENT, { purpose: WITHDRAWN_PURPOSE, granted: false }),
        token: (i, f) => rotate(f.withdrawers, i),
      },
      {
        body: () => graphql(LIST_WITH_PURPOSES),
        token: (i, f) => rotate(f.withdrawers, i),
        // The gate must hold on the very next request, under load: no reason may use the withdrawn purpose.
        check: (body) => (body.includes(`"purpose":"${WITHDRAWN_PURPOSE}"`) ? `a list used ${WITHDRAWN_PURPOSE} after its withdrawal` : undefined),
      },
      {
        body: (_i, f) => graphql(SET_CONSENT, { purpose: WITHDRAWN_PURPOSE, granted: true, noticeVersion: f.withdrawnNoticeVersion }),
        token: (i, f) => rotate(f.withdrawers, i),
      },
    ],
  },
};
