import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// No container engine runs on our machines, so the deploy files are checked as text and data.
const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, Record<string, any>> };

  it('runs Postgres, Redis, the sandbox, two BFF replicas and a load balancer', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bff-1', 'bff-2', 'lb', 'postgres', 'redis', 'sandbox']);
  });

  it('every replica shares one Postgres and one Redis and runs in production mode', () => {
    for (const name of ['bff-1', 'bff-2']) {
      const env = compose.services[name].environment;
      // DATABASE_URL carries a password, so it comes from the env file (see compose-stack.spec.ts).
      expect(env).toMatchObject({ NODE_ENV: 'production', REDIS_URL: 'redis://redis:6379' });
    }
  });

  it('replicas get longer than SHUTDOWN_GRACE_MS to drain, and the load balancer retries a draining replica elsewhere', () => {
    for (const name of ['bff-1', 'bff-2']) expect(compose.services[name].stop_grace_period).toBe('25s');
    expect(read('deploy/nginx.conf')).toMatch(/proxy_next_upstream error timeout http_503;/);
  });

  it('the load balancer config names both replicas', () => {
    const nginx = read('deploy/nginx.conf');
    expect(nginx).toContain('server bff-1:3000;');
    expect(nginx).toContain('server bff-2:3000;');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('is multi-stage, installs production dependencies only, runs as non-root, and has a liveness HEALTHCHECK', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/health\/live/);
  });

  it('runs on Node 24, the active LTS, in both stages', () => {
    expect(dockerfile.match(/^FROM node:(\d+)/gm)).toEqual(['FROM node:24', 'FROM node:24']);
  });
});
