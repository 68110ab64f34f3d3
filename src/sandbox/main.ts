import { ConfigError, loadConfig } from '../config/load-config.js';
import { startSandbox } from './start.js';

/**
 * `npm run sandbox`: the upstream emulators alone, without the BFF. Reads the
 * same SANDBOX_* settings as the BFF (through loadConfig, never process.env
 * directly) and serves until SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // Registers the callbacks of the BFF at PUBLIC_URL/PORT (the same variables the BFF reads).
  const sandbox = await startSandbox(config.sandbox, { bffPublicUrl: config.http.publicUrl });
  process.stdout.write(
    `sandbox listening on ${sandbox.url} (control API ${config.sandbox.control ? 'enabled' : 'disabled'}); demo users at ${sandbox.url}/\n`,
  );
  const stop = (signal: string) => {
    process.stdout.write(`sandbox: ${signal}, closing\n`);
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : String((err as Error)?.stack ?? err)}\n`);
  process.exit(1);
});
