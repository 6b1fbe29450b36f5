import { createContext, useContext, useEffect, useState } from 'react';
import { stringifyDocument, useClient, type Client, type TypedDocumentNode } from 'urql';
import { errorCode } from './errors.js';
import { DATA_EXPORT, DISMISS_RECOMMENDATION, ERASE_ME, GPC_STATUS, RECEIPTS } from './operations.js';

/**
 * Features other parts of the service add over time. Each is detected by asking the gateway to
 * validate its operation next to a trivial one that is the only one executed: a field the graph
 * does not have yet fails validation, and its panel says it is not available instead of breaking
 * the page. Works with introspection switched off.
 */
const FEATURES = {
  receipts: RECEIPTS,
  gpc: GPC_STATUS,
  dataExport: DATA_EXPORT,
  erasure: ERASE_ME,
  dismissals: DISMISS_RECOMMENDATION,
} satisfies Record<string, TypedDocumentNode<any, any>>;

export type Feature = keyof typeof FEATURES;
/** true: available; false: not in this graph; undefined: still checking. */
export type Capabilities = Partial<Record<Feature, boolean>>;

async function isAvailable(client: Client, document: TypedDocumentNode<any, any>): Promise<boolean> {
  const probe = `query Probe { __typename }\n${stringifyDocument(document)}`;
  const result = await client.query(probe, {}, { requestPolicy: 'network-only' }).toPromise();
  const code = errorCode(result.error);
  return code !== 'GRAPHQL_VALIDATION_FAILED' && code !== 'GRAPHQL_PARSE_FAILED';
}

export async function detectCapabilities(client: Client): Promise<Capabilities> {
  const entries = await Promise.all(
    (Object.keys(FEATURES) as Feature[]).map(async (name) => [name, await isAvailable(client, FEATURES[name])] as const),
  );
  return Object.fromEntries(entries);
}

export const CapabilitiesContext = createContext<Capabilities>({});
export const useCapabilities = () => useContext(CapabilitiesContext);

export function useDetectedCapabilities(): Capabilities {
  const client = useClient();
  const [capabilities, setCapabilities] = useState<Capabilities>({});
  useEffect(() => {
    let active = true;
    detectCapabilities(client).then((c) => active && setCapabilities(c));
    return () => {
      active = false;
    };
  }, [client]);
  return capabilities;
}
