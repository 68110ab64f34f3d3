/** Public surface of the sandbox for the BFF and tests. */
export { startSandbox, type StartedSandbox } from './start.js';
export { createSandboxServer, type RunningSandbox, type SandboxServer, type SandboxServerOptions } from './core/server.js';
export { SandboxState, DEFAULT_LIFETIMES } from './core/context.js';
export { loadSeed, parseSeed, SeedError } from './core/seed-loader.js';
export { sandboxProviders } from './providers/index.js';
export { DEFAULT_SEED, TEST_REDIRECT_URI } from './seed.js';
export type * from './core/contract.js';
