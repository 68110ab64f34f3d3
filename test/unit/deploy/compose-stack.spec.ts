import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { parse } from 'yaml';
import { loadConfig } from '../../../src/config/load-config.js';
import { loadProviders } from '../../../src/providers/config/load-providers.js';
import { DEFAULT_SEED } from '../../../src/sandbox/seed.js';

// No container engine runs here: the compose stack is checked as data, by feeding each
// replica's resulting environment and mounted providers file to the service's own loaders.
const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface Service {
  environment?: Record<string, string>;
  env_file?: string[];
  volumes?: string[];
}
const compose = parse(read('docker-compose.yml')) as { services: Record<string, Service> };
const replicas = Object.keys(compose.services).filter((name) => name.startsWith('bff-'));

/** The environment a container gets: its env files, then its inline environment (compose's precedence). */
function containerEnv(service: Service): Record<string, string> {
  const fromFiles = (service.env_file ?? []).map((file) => parseEnv(read(file)) as Record<string, string>);
  return Object.assign({}, ...fromFiles, service.environment ?? {});
}

/** A container path mapped back to the repository file mounted there. */
function mountedFile(service: Service, containerPath: string): string {
  const mount = (service.volumes ?? []).map((v) => v.split(':')).find(([, target]) => target === containerPath);
  if (!mount) throw new Error(`${containerPath} is not mounted`);
  return new URL(mount[0], root).pathname;
}

describe('compose stack: secrets', () => {
  it('no secret is written inline in docker-compose.yml', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      const inline = Object.entries(service.environment ?? {});
      expect({ name, secrets: inline.filter(([key]) => /SECRET|PASSWORD|TOKEN_KEYS/.test(key)).map(([key]) => key) }).toEqual({ name, secrets: [] });
      expect({ name, urlsWithPasswords: inline.filter(([, value]) => /:\/\/[^/@\s]+:[^/@\s]+@/.test(String(value))).map(([key]) => key) }).toEqual({ name, urlsWithPasswords: [] });
    }
  });

  it('Postgres gets its password from an env file, and it matches the replicas’ DATABASE_URL', () => {
    const postgres = containerEnv(compose.services.postgres);
    expect(postgres.POSTGRES_PASSWORD).toBeTruthy();
    for (const name of replicas) {
      const url = new URL(containerEnv(compose.services[name]).DATABASE_URL);
      expect({ host: url.host, user: url.username, password: url.password }).toEqual({ host: 'postgres:5432', user: postgres.POSTGRES_USER, password: postgres.POSTGRES_PASSWORD });
    }
  });
});

describe('compose stack: every replica boots in production mode and offers login', () => {
  it('has at least two replicas, each behind the load balancer', () => {
    expect(replicas.length).toBeGreaterThanOrEqual(2);
    const nginx = read('deploy/nginx.conf');
    for (const name of replicas) expect(nginx).toContain(`server ${name}:3000;`);
  });

  it.each(replicas)('%s: the production config loads without generated keys or embedded stores', (name) => {
    const env = containerEnv(compose.services[name]);
    expect(env.ALLOW_GENERATED_KEYS_IN_PRODUCTION).toBeUndefined();
    expect(env.ALLOW_EMBEDDED_IN_PRODUCTION).toBeUndefined();
    const config = loadConfig(env);
    expect(config.isProduction).toBe(true);
    expect(config.database.embedded).toBe(false);
    expect(config.redis.embedded).toBe(false);
  });

  it('all replicas share one token key ring, so any replica reads what another encrypted', () => {
    const rings = replicas.map((name) => containerEnv(compose.services[name]).TOKEN_KEYS);
    expect(rings[0]).toMatch(/^[\w-]+:/);
    expect(new Set(rings).size).toBe(1);
  });

  it.each(replicas)('%s: the mounted providers file loads, and each provider is a sandbox client registered for this callback with this secret', (name) => {
    const service = compose.services[name];
    const env = containerEnv(service);
    env.PROVIDERS_FILE = mountedFile(service, env.PROVIDERS_FILE);
    const providers = loadProviders(loadConfig(env));
    expect(providers.map((p) => p.id).sort()).toEqual(['bluejeans', 'calcom', 'genesys', 'phonecom']);
    for (const provider of providers) {
      expect(provider.redirectUri).toBe(`http://localhost:3000/v1/auth/${provider.id}/callback`);
      const client = DEFAULT_SEED.clients.find((c) => c.clientId === provider.clientId);
      expect({ provider: provider.id, registered: client?.redirectUris.includes(provider.redirectUri), secretMatches: client?.clientSecret === provider.clientSecret }).toEqual({
        provider: provider.id,
        registered: true,
        secretMatches: true,
      });
      for (const url of Object.values(provider.endpoints).filter((v): v is string => typeof v === 'string')) expect(url).toMatch(/^http:\/\/sandbox\.localhost:4010\//);
    }
  });
});
