import type { AppConfig } from '../config/app-config.js';
import type { SandboxProvider } from './core/contract.js';
import type { SandboxState } from './core/context.js';
import { loadSeed } from './core/seed-loader.js';
import { withBffCallbacks } from './bff-callbacks.js';
import { createSandboxServer, type RunningSandbox } from './core/server.js';
import { sandboxProviders } from './providers/index.js';

export interface StartedSandbox extends RunningSandbox {
  /** The live state (tests and the in-process BFF may reset or inspect it). */
  context: SandboxState;
}

/**
 * Starts the sandbox HTTP server from the `sandbox` section of AppConfig.
 * Starts unconditionally: the caller decides whether `config.enabled` applies.
 */
export async function startSandbox(
  config: AppConfig['sandbox'],
  opts: { providers?: SandboxProvider[]; bffPublicUrl?: string } = {},
): Promise<StartedSandbox> {
  const loaded = await loadSeed(config.seedFile);
  const seed = opts.bffPublicUrl ? withBffCallbacks(loaded, opts.bffPublicUrl) : loaded;
  // With port 0 the configured default URL (":0") is meaningless; use the bound address.
  const publicUrl = config.port === 0 && /:0\/?$/.test(config.publicUrl) ? undefined : config.publicUrl;
  const server = createSandboxServer({
    publicUrl,
    control: config.control,
    seed,
    providers: opts.providers ?? sandboxProviders,
  });
  const running = await server.listen(config.port, config.host);
  return { ...running, context: server.context };
}
