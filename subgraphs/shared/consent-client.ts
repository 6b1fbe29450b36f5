import type { ServiceClient } from './service-client.js';

export interface PurposeGrant {
  purpose: string;
  granted: boolean;
  noticeVersion: number | null;
}

export interface CurrentGrants {
  /** Granted purpose → the notice version of the grant. */
  noticeVersions: Map<string, number>;
  consentVersion: number;
}

/**
 * Asks the consent subgraph directly, signed with a service principal, for a customer's current
 * grants. Used where data is collected (mutations cannot `@requires`). There is no cache: a
 * withdrawal counts from the very next call. When consent cannot be checked, nothing is stored.
 */
export class ConsentClient {
  constructor(private readonly consent: ServiceClient) {}

  /**
   * The purposes granted now, with the notice version each grant was made on, and the consent
   * version they were read at (what data stored under them is tagged with; see withdrawal-watermark.ts).
   * An unknown or erased customer has no grants.
   */
  async currentGrants(customerId: string): Promise<CurrentGrants> {
    const data = await this.consent.request<{ customer: { consents: PurposeGrant[]; consentVersion: number } | null }>(
      'query Grants($id: String!) { customer(id: $id) { consents { purpose granted noticeVersion } consentVersion } }',
      { id: customerId },
    );
    const grants = data.customer?.consents ?? [];
    return {
      noticeVersions: new Map(grants.filter((g) => g.granted).map((g) => [g.purpose, g.noticeVersion ?? 1])),
      consentVersion: data.customer?.consentVersion ?? 0,
    };
  }

  async customerExists(customerId: string): Promise<boolean> {
    const data = await this.consent.request<{ customer: { id: string } | null }>('query Exists($id: String!) { customer(id: $id) { id } }', {
      id: customerId,
    });
    return data.customer !== null;
  }

  /** The first customers in id order with their display names (for the development sign-in). */
  async listCustomers(first: number): Promise<{ id: string; displayName: string | null }[]> {
    const data = await this.consent.request<{ customers: { id: string; displayName: string | null }[] }>(
      'query Customers($first: Int!) { customers(first: $first) { id displayName } }',
      { first },
    );
    return data.customers;
  }
}
