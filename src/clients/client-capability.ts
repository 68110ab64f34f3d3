import type { ClientOperation } from '../providers/client-management.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';
import { CapabilityNotSupportedError } from './authority/capability-errors.js';

const WORDS: Record<ClientOperation, string> = {
  list: 'list OAuth clients',
  get: 'read an OAuth client',
  create: 'create OAuth clients',
  update: 'update OAuth clients',
  delete: 'delete OAuth clients',
  regenerateSecret: 'regenerate client secrets',
  scopes: 'list OAuth scopes',
  authorizations: 'list authorizations',
};

/** Throws 404 `capability_not_supported` naming the provider unless its adapter offers `operation`. */
export function requireCapability(adapter: ProviderAdapter, operation: ClientOperation): void {
  if (!adapter.clientManagement[operation]) throw new CapabilityNotSupportedError(adapter.id, adapter.displayName, WORDS[operation]);
}

/** List and read are served from the BFF's registry where the upstream cannot (BlueJeans, RFC 7591 servers). */
export function readsFromRegistry(adapter: ProviderAdapter, operation: 'list' | 'get'): boolean {
  return !adapter.clientManagement[operation] && adapter.clientManagement.registry;
}

export function requireReadable(adapter: ProviderAdapter, operation: 'list' | 'get'): void {
  if (!readsFromRegistry(adapter, operation)) requireCapability(adapter, operation);
}
