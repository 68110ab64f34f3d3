import type { SandboxProvider } from '../../core/contract.js';
import { genesysApiRouter } from './genesys-api-router.js';
import { genesysLoginRouter } from './genesys-login-router.js';
import { GenesysState, type GenesysOptions } from './genesys-state.js';

export type { GenesysOptions } from './genesys-state.js';

/**
 * The Genesys Cloud emulator: a login host under `/genesys/login` and an API
 * host under `/genesys/api`, sharing one in-memory state.
 */
export function createGenesysProvider(options: GenesysOptions = {}): SandboxProvider {
  return {
    id: 'genesys',
    mounts(ctx) {
      const state = new GenesysState(ctx, options);
      return [
        { basePath: '/genesys/login', router: genesysLoginRouter(state) },
        { basePath: '/genesys/api', router: genesysApiRouter(state) },
      ];
    },
  };
}

export const genesysProvider: SandboxProvider = createGenesysProvider();
