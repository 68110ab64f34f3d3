import { DomainError } from '../../common/errors/domain-error.js';

/** The provider's API has no such operation (Cal.com and Phone.com have no client management at all). */
export class CapabilityNotSupportedError extends DomainError {
  constructor(provider: string, displayName: string, capability: string) {
    super('capability_not_supported', 404, `${displayName} (${provider}) offers no API to ${capability}.`, { provider, capability });
    this.name = 'CapabilityNotSupportedError';
  }
}
