import { AppError, ErrorCode } from './errors.js';
import { encodePrincipal } from './principal.js';
import { SIGNATURE_HEADERS } from './signing.js';
import type { SignedFetch } from './signed-fetch.js';

export interface PurposeGrant {
  purpose: string;
  granted: boolean;
  noticeVersion: number | null;
}

const SERVICE_PRINCIPAL = encodePrincipal({ role: 'service', subject: 'consent-client', scopes: [], gpc: false });

/**
 * Asks the consent subgraph directly, signed with a service principal, for a customer's current
 * grants. Used where data is collected (mutations cannot `@requires`). There is no cache: a
 * withdrawal counts from the very next call. When consent cannot be checked, nothing is stored.
 */
export class ConsentClient {
  constructor(
    private readonly url: string,
    private readonly fetch: SignedFetch,
  ) {}

  async grantsOf(customerId: string): Promise<PurposeGrant[]> {
    const data = await this.query<{ customer: { consents: PurposeGrant[] } | null }>(
      'query Grants($id: String!) { customer(id: $id) { consents { purpose granted noticeVersion } } }',
      { id: customerId },
    );
    return data.customer?.consents ?? [];
  }

  /** The purposes granted now, with the notice version each grant was made on. */
  async grantedVersions(customerId: string): Promise<Map<string, number>> {
    const grants = await this.grantsOf(customerId);
    return new Map(grants.filter((g) => g.granted).map((g) => [g.purpose, g.noticeVersion ?? 1]));
  }

  async customerExists(customerId: string): Promise<boolean> {
    const data = await this.query<{ customer: { id: string } | null }>('query Exists($id: String!) { customer(id: $id) { id } }', { id: customerId });
    return data.customer !== null;
  }

  private async query<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      const response = await this.fetch(this.url, {
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADERS.principal]: SERVICE_PRINCIPAL },
        body: JSON.stringify({ query, variables }),
      });
      const payload = (await response.json()) as { data?: T; errors?: unknown[] };
      if (!payload.data || payload.errors?.length) throw new Error(JSON.stringify(payload.errors));
      return payload.data;
    } catch {
      throw new AppError(ErrorCode.SERVICE_UNAVAILABLE, 'We could not check consent just now, so nothing was changed. Please try again.');
    }
  }
}
