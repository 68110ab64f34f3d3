import type { SandboxSeed } from './core/contract.js';

const LOOPBACK_TWINS: Record<string, string> = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' };

/** The BFF's public origin, and its other loopback spelling (a developer may type either). */
function originsOf(bffPublicUrl: string): string[] {
  const url = new URL(bffPublicUrl);
  const origins = [url.origin];
  const twin = LOOPBACK_TWINS[url.hostname];
  if (twin) {
    url.hostname = twin;
    origins.push(url.origin);
  }
  return origins;
}

/**
 * The seed registers the BFF's callbacks for the default port only. The sandbox
 * running next to a BFF on another PUBLIC_URL/PORT registers that BFF's callbacks
 * too, on every client already registered for a BFF callback, so a login works
 * first time on any port.
 */
export function withBffCallbacks(seed: SandboxSeed, bffPublicUrl: string): SandboxSeed {
  const origins = originsOf(bffPublicUrl);
  const clients = seed.clients.map((client) => {
    const callbackPath = `/v1/auth/${client.provider}/callback`;
    if (!client.redirectUris.some((uri) => uri.endsWith(callbackPath))) return client;
    const extra = origins.map((origin) => `${origin}${callbackPath}`).filter((uri) => !client.redirectUris.includes(uri));
    return { ...client, redirectUris: [...client.redirectUris, ...extra] };
  });
  return { ...seed, clients };
}
