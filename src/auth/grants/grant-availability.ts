import { DomainError } from '../../common/errors/domain-error.js';
import type { ProviderAdapter, ProviderCapabilities } from '../../providers/provider-adapter.js';

type GrantFlag = Extract<keyof ProviderCapabilities, 'passwordGrant' | 'meetingGrant' | 'clientCredentials'>;

/**
 * Legacy and app grants are off unless the providers file enables them (SECURITY.md
 * §7). A provider that has not enabled one (or whose kind cannot do it) answers 404,
 * as if the route did not exist for it, before anything reaches the upstream.
 */
export function requireGrant(adapter: ProviderAdapter, flag: GrantFlag, label: string): void {
  const method = flag === 'passwordGrant' ? adapter.passwordGrant : flag === 'meetingGrant' ? adapter.meetingGrant : adapter.clientCredentials;
  if (!method || !adapter.capabilities[flag]) {
    throw new DomainError('grant_not_enabled', 404, `The ${label} is not enabled for provider "${adapter.id}".`, { provider: adapter.id, grant: flag });
  }
}
