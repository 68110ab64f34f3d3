import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** A client registered statically at startup, in RFC 7591 metadata names. */
export interface OidcClientConfig {
  client_id: string;
  /** Omit for a public client (token_endpoint_auth_method `none`, PKCE only). */
  client_secret?: string;
  redirect_uris: string[];
  grant_types?: string[];
  token_endpoint_auth_method?: string;
  post_logout_redirect_uris?: string[];
  [metadata: string]: unknown;
}

export interface LaunchOidcProviderOptions {
  /** Loopback port; 0 (default) lets the OS pick one. */
  port?: number;
  clients: OidcClientConfig[];
  accessTokenTtlSeconds?: number;
  /** RFC 7591 initial access token required to register clients; open registration without it. */
  registrationInitialAccessToken?: string;
  /** How long to wait for the child to report its issuer. */
  startTimeoutMs?: number;
}

export interface LaunchedOidcProvider {
  issuer: string;
  stop(): Promise<void>;
}

/**
 * Path of the provider script next to this module. It is resolved from
 * import.meta.url so it works from src/ (ts-jest) and from dist/ after
 * `nest build`, provided the .mjs is copied there as an asset.
 */
export function oidcServerScriptPath(): string {
  return fileURLToPath(new URL('./oidc-server.mjs', import.meta.url));
}

/**
 * Starts panva's oidc-provider in a child `node` process and resolves once it
 * reports its issuer. The child is a separate process so that the caller's
 * module loader (ts-jest's VM modules in particular) never loads oidc-provider.
 */
export async function launchOidcProvider(opts: LaunchOidcProviderOptions): Promise<LaunchedOidcProvider> {
  const config = { port: opts.port ?? 0, clients: opts.clients, accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600, registrationInitialAccessToken: opts.registrationInitialAccessToken };
  const child = spawn(process.execPath, [oidcServerScriptPath()], {
    // The child inherits the environment (PATH, NODE_OPTIONS); this reads no configuration.
    // eslint-disable-next-line no-restricted-syntax
    env: { ...process.env, OIDC_SANDBOX_CONFIG: JSON.stringify(config), OIDC_SANDBOX_EXIT_ON_STDIN_END: '1' },
    // stdin stays a pipe so the child exits if this process dies without calling stop().
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const issuer = await waitForIssuer(child, opts.startTimeoutMs ?? 15000);
  return { issuer, stop: () => stopChild(child) };
}

function waitForIssuer(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Keep stderr for the failure message; oidc-provider also prints dev-mode warnings there.
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    const lines = createInterface({ input: child.stdout! });
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`oidc-provider failed to start: ${reason}\n${stderr}`));
    };
    const timer = setTimeout(() => fail(`no issuer within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code, signal) => fail(`exited early (code ${code}, signal ${signal})`));
    child.once('error', (error) => fail(error.message));
    lines.on('line', (line) => {
      const issuer = parseIssuerLine(line);
      if (!issuer) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(issuer);
    });
  });
}

function parseIssuerLine(line: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    const issuer = (parsed as { issuer?: unknown } | null)?.issuer;
    return typeof issuer === 'string' ? issuer : undefined;
  } catch {
    return undefined;
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const forceKill = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(forceKill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
