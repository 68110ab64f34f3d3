import type { ProviderKind } from '../../providers/provider-adapter.js';
import type { ClientApi } from './client-api.js';
import { bluejeansClientApi } from './bluejeans-client.api.js';
import { genericClientApi } from './generic-client.api.js';
import { genesysClientApi } from './genesys-client.api.js';

/**
 * The wire format of each kind with a client-management API. The one place that
 * maps kind to implementation (like create-adapter.ts); which operations exist is
 * the adapter's `clientManagement` flags' business.
 */
const APIS: Partial<Record<ProviderKind, ClientApi>> = {
  genesys: genesysClientApi,
  bluejeans: bluejeansClientApi,
  generic: genericClientApi,
};

export function clientApiFor(kind: ProviderKind): ClientApi {
  return APIS[kind] ?? {};
}
