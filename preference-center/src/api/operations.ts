import { gql } from 'urql';

/** Every GraphQL operation the preference center sends, one per page or panel. */

export const CONSENT_PAGE = gql`
  query ConsentPage {
    purposes {
      id
      alwaysOn
      notice {
        version
        title
        text
        effectiveAt
        material
        dataCategories
        retentionDays
      }
      versions {
        version
        text
      }
    }
    me {
      id
      consents {
        purpose
        granted
        status
        needsReconsent
        noticeVersion
        currentNoticeVersion
        decidedAt
        expiresAt
      }
    }
  }
`;

export const PURPOSE_TITLES = gql`
  query PurposeTitles {
    purposes {
      id
      notice {
        version
        title
        dataCategories
      }
    }
  }
`;

export const CONSENT_HISTORY = gql`
  query ConsentHistory($after: String) {
    me {
      id
      consentHistory(first: 20, after: $after) {
        events {
          decisionId
          purpose
          noticeVersion
          status
          method
          occurredAt
        }
        endCursor
        hasNextPage
      }
    }
  }
`;

export const RECEIPTS = gql`
  query Receipts {
    me {
      id
      receipts {
        receiptId
        issuedAt
        purposes
        document
        signature
        algorithm
        keyId
        followUpOf
        dataRemoval {
          status
          removed {
            subgraph
            purpose
            category
            count
          }
          pending {
            subgraph
            purpose
          }
        }
      }
    }
    receiptPublicKey {
      algorithm
      keyId
      publicKeyPem
    }
    receiptPublicKeys {
      algorithm
      keyId
      publicKeyPem
    }
  }
`;

export const GPC_STATUS = gql`
  query GpcStatus {
    me {
      id
      gpc {
        honored
        since
        sentNow
        deniedPurposes
        conflicts {
          purpose
          resolution
          detectedAt
          explanation
        }
      }
    }
  }
`;

export const SET_CONSENT = gql`
  mutation SetConsent($purpose: String!, $granted: Boolean!, $noticeVersion: Int!, $idempotencyKey: String) {
    setConsent(purpose: $purpose, granted: $granted, noticeVersion: $noticeVersion, idempotencyKey: $idempotencyKey) {
      purpose
      granted
      status
      needsReconsent
      noticeVersion
      currentNoticeVersion
      decidedAt
      expiresAt
    }
  }
`;

export const SET_CONSENTS = gql`
  mutation SetConsents($changes: [ConsentChangeInput!]!, $idempotencyKey: String) {
    setConsents(changes: $changes, idempotencyKey: $idempotencyKey) {
      purpose
      granted
      status
    }
  }
`;

export const PREFERENCES_PAGE = gql`
  query PreferencesPage {
    me {
      id
      grantedPurposes
      statedPreferences {
        id
        kind
        value
        sentiment
        weight
      }
    }
    catalogFacets {
      categories
      brands
      attributes
    }
  }
`;

export const ADD_PREFERENCE = gql`
  mutation AddStatedPreference($input: StatedPreferenceInput!, $replace: Boolean) {
    addStatedPreference(input: $input, replace: $replace) {
      id
      kind
      value
      sentiment
      weight
    }
  }
`;

export const UPDATE_PREFERENCE = gql`
  mutation UpdateStatedPreference($id: ID!, $input: StatedPreferenceInput!) {
    updateStatedPreference(id: $id, input: $input) {
      id
      kind
      value
      sentiment
      weight
    }
  }
`;

export const REMOVE_PREFERENCE = gql`
  mutation RemoveStatedPreference($id: ID!) {
    removeStatedPreference(id: $id)
  }
`;

export const RECOMMENDATIONS = gql`
  query Recommendations {
    me {
      id
      recommendations(first: 10) {
        decisionId
        personalized
        holdout
        items {
          itemId
          score
          slot
          promoted
          item {
            title
            category
            brand
            price
            currency
            url
          }
          explanation {
            summary
            reasons {
              kind
              text
              weight
              dataUsed {
                category
                purpose
                noticeVersion
              }
            }
            controls {
              action
              purpose
              target
              label
            }
          }
        }
      }
    }
  }
`;

export const DISMISS_RECOMMENDATION = gql`
  mutation DismissRecommendation($decisionId: ID!, $itemId: ID!) {
    dismissRecommendation(decisionId: $decisionId, itemId: $itemId, reason: NOT_INTERESTED) {
      message
    }
  }
`;

/** Takes a dismissal back: the item may be recommended again. */
export const UNDO_DISMISSAL = gql`
  mutation UndoDismissal($decisionId: ID!, $itemId: ID!) {
    undoDismissal(decisionId: $decisionId, itemId: $itemId) {
      message
    }
  }
`;

export const DATA_EXPORT = gql`
  query DataExport {
    me {
      id
      dataExport
    }
  }
`;

export const CATALOG_ITEMS = gql`
  query CatalogItems($ids: [ID!]!) {
    catalogItems(ids: $ids) {
      id
      title
      brand
    }
  }
`;

export const ERASE_ME = gql`
  mutation EraseMe($confirm: String!) {
    eraseMe(confirm: $confirm) {
      receiptId
      complete
      pending
      message
    }
  }
`;

/** Every receipt's ISO/IEC TS 27560 form (DPV JSON-LD), asked for only when one is downloaded. */
export const RECEIPTS_DPV = gql`
  query ReceiptsDpv {
    me {
      id
      receipts {
        receiptId
        document(format: DPV_27560)
        signature(format: DPV_27560)
        keyId(format: DPV_27560)
      }
    }
  }
`;

const SIGNED_PROOF = 'document signature algorithm keyId';
const PUBLIC_KEYS = 'receiptPublicKeys { keyId publicKeyPem }';

/** The customer's consent ledger as a signed, verifiable chain. */
export const LEDGER_PROOF = gql`
  query LedgerProof {
    me {
      id
      ledgerProof { ${SIGNED_PROOF} }
    }
    ${PUBLIC_KEYS}
  }
`;

/** What erasure leaves of the ledger, signed (asked for with the session that erased it). */
export const LEDGER_TOMBSTONE = gql`
  query LedgerTombstone {
    ledgerTombstone { ${SIGNED_PROOF} }
    ${PUBLIC_KEYS}
  }
`;

/** What `eraseMe` asks the customer to type, word for word. */
export const ERASE_CONFIRMATION = 'ERASE MY DATA';
