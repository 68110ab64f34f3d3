import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeHtml, renderLoginPage } from '../../../src/sandbox/core/html.js';
import { loadSeed, SeedError } from '../../../src/sandbox/core/seed-loader.js';
import { startSandbox } from '../../../src/sandbox/start.js';
import { DEFAULT_SEED } from '../../../src/sandbox/seed.js';
import { getJson, startHarness, type Harness } from './sandbox-harness.js';

/** Core pieces: HTML escaping, index/health, control off by default, seeds, startSandbox. */
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ control: false });
});
afterAll(() => h.close());

describe('login page rendering', () => {
  it('escapes every interpolated value', () => {
    const html = renderLoginPage({ title: '<b>t</b>', action: '/x"><script>', hidden: { 'st"ate': '"><img src=x onerror=alert(1)>' }, error: "<i>'e'</i>" });
    expect(html).not.toMatch(/<script>|<img|<i>|<b>t/);
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml('`&\'')).toBe('&#96;&amp;&#39;');
  });

  it('serves authorization pages with a no-script CSP and escaped state', async () => {
    const q = new URLSearchParams({ clientId: 'bluejeans-test-client-0000000002', redirectUri: 'http://127.0.0.1/cb', state: '"><script>alert(1)</script>' });
    const res = await fetch(`${h.url}/bluejeans/oauth2/authorize?${q}`);
    const html = await res.text();
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});

describe('sandbox server', () => {
  it('GET / lists providers, demo users and clients', async () => {
    const html = await (await fetch(`${h.url}/`)).text();
    for (const text of ['/bluejeans', '/calcom', '/phonecom/v4', 'alice-password', 'bluejeans-demo-client-0000000001', '1234567890']) expect(html).toContain(text);
  });

  it('GET /health answers 200 and no-store', async () => {
    const res = await getJson(`${h.url}/health`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('does not mount /_control unless enabled', async () => {
    expect((await fetch(`${h.url}/_control/reset`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${h.url}/_control/counters`)).status).toBe(404);
  });
});

describe('seed', () => {
  it('the default seed has a client per provider with both loopback BFF callbacks', () => {
    for (const provider of ['bluejeans', 'genesys', 'calcom', 'phonecom']) {
      const uris = DEFAULT_SEED.clients.filter((c) => c.provider === provider).flatMap((c) => c.redirectUris);
      expect(uris).toEqual(expect.arrayContaining([`http://localhost:3000/v1/auth/${provider}/callback`, `http://127.0.0.1:3000/v1/auth/${provider}/callback`, 'http://127.0.0.1/cb']));
    }
    expect(DEFAULT_SEED.users.find((u) => u.username === 'noperms')?.permissions).toEqual([]);
  });

  it('loads a seed file and rejects an invalid one with a SeedError naming the field', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sandbox-seed-'));
    const good = join(dir, 'good.json');
    await writeFile(good, JSON.stringify({ ...DEFAULT_SEED, users: DEFAULT_SEED.users.slice(0, 1) }));
    expect((await loadSeed(good)).users.map((u) => u.username)).toEqual(['alice']);
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ ...DEFAULT_SEED, meetings: [{ meetingNumericId: 'abc' }] }));
    await expect(loadSeed(bad)).rejects.toThrow(SeedError);
    await expect(loadSeed(bad)).rejects.toThrow(/meetings\.0\.meetingNumericId/);
  });

  it('startSandbox serves from an AppConfig sandbox section on port 0', async () => {
    const started = await startSandbox({ enabled: true, host: '127.0.0.1', port: 0, publicUrl: 'http://127.0.0.1:0', control: true });
    try {
      expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(started.url).not.toMatch(/:0$/);
      expect((await fetch(`${started.url}/_control/counters`)).status).toBe(200);
    } finally {
      await started.close();
    }
  });
});
