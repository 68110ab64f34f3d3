import type { SandboxProvider } from '../core/contract.js';
import { bluejeansProvider } from './bluejeans/index.js';
import { calcomProvider } from './calcom/index.js';
import { genesysProvider } from './genesys/index.js';
import { phonecomProvider } from './phonecom/index.js';

/**
 * Every emulated provider, in mount order. This is the one list the sandbox
 * server, `npm run sandbox` and the in-process start all use.
 */
export const sandboxProviders: SandboxProvider[] = [
  bluejeansProvider,
  genesysProvider,
  calcomProvider,
  phonecomProvider,
];
