import type { SandboxContext } from '../../core/contract.js';
import { GenesysAuthorizations } from './genesys-authorizations.js';
import { GenesysClientRegistry } from './genesys-client-registry.js';
import { GenesysTokenStore } from './genesys-token-store.js';
import { GenesysUsage, type UsageRunRules } from './genesys-usage.js';

export interface GenesysOptions {
  /** How long usage queries report Running when the lifetimes knob is unset. */
  usageQueryRunningMs?: number;
}

export const DEFAULT_USAGE_QUERY_RUNNING_MS = 2000;

/** Everything the Genesys emulator remembers, shared by its login host and API host. */
export class GenesysState {
  readonly tokens = new GenesysTokenStore();
  readonly clients: GenesysClientRegistry;
  readonly authorizations = new GenesysAuthorizations();
  readonly usage = new GenesysUsage();

  constructor(
    readonly ctx: SandboxContext,
    private readonly options: GenesysOptions,
  ) {
    this.clients = new GenesysClientRegistry(ctx);
    ctx.onReset(() => {
      this.tokens.reset();
      this.clients.reset();
      this.authorizations.reset();
      this.usage.reset();
    });
  }

  /** The control API's lifetimes knob wins over the provider option, so tests can shorten it at runtime. */
  usageQueryRunningMs(): number {
    const seconds = this.ctx.lifetimes('genesys').usageQueryRunningSeconds;
    return seconds !== undefined ? seconds * 1000 : (this.options.usageQueryRunningMs ?? DEFAULT_USAGE_QUERY_RUNNING_MS);
  }

  /** How a usage query finishes, from the control API's lifetimes knobs (polls win over seconds). */
  usageQueryRules(): UsageRunRules {
    const { usageQueryRunningPolls, usageQueryFails } = this.ctx.lifetimes('genesys');
    return { runningMs: this.usageQueryRunningMs(), runningPolls: usageQueryRunningPolls, fails: usageQueryFails === true };
  }

  /** A client's own validity caps the sandbox-wide lifetime (either may be the shorter). */
  accessTokenSeconds(clientId: string): number {
    const client = this.clients.get(clientId);
    const sandbox = this.ctx.lifetimes('genesys').accessTokenSeconds;
    return Math.min(sandbox, client?.accessTokenValiditySeconds ?? sandbox);
  }
}
