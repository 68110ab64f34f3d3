import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { freePort } from '../support/free-port.js';

const ALICE = { username: 'alice', password: 'alice-password' };

// `npm start` is `node scripts/start.mjs`: the staleness check, the preload and the service in
// one process. Here on embedded defaults only (PGlite, in-process store, in-process sandbox),
// no PUBLIC_URL, on ports other than the defaults, in an empty data folder: what a newcomer runs.
describe('npm start on embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bff-npm-start-'));
  let child: ChildProcess;
  let port: number;
  let stdout = '';
  let stderr = '';
  beforeAll(async () => {
    port = await freePort();
    const sandboxPort = await freePort();
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', PORT: String(port), SANDBOX_PORT: String(sandboxPort), DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    // Generous: a whole boot (PGlite included) on a possibly busy CI machine.
    const deadline = Date.now() + 240_000;
    while (!(await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.ok, () => false))) {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`never ready: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 300_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('prints one banner with the URLs of this port and reports its boot cost in the JSON log', () => {
    const base = `http://localhost:${port}`;
    expect(stderr).toContain(`Swagger UI   ${base}/docs`);
    expect(stderr).toContain(`Log in       ${base}/v1/auth/bluejeans/login?returnTo=/docs`);
    expect(stderr).toMatch(/oauth-bff ready \(development\) in [\d.]+ s \([\d.]+ s CPU\)/);
    const listening = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.context === 'Bootstrap');
    expect(listening).toEqual(
      expect.objectContaining({ msg: `oauth-bff listening on ${base} (docs at /docs)`, bootMs: expect.any(Number), bootCpuMs: expect.any(Number), loadedFrom: 'bundle' }),
    );
    // Nothing else on stderr is a Node warning (DEP0170 and the like).
    expect(stderr).not.toMatch(/\(node:\d+\) \[?\w*Warning|DEP0\d+/);
  });

  it('serves from its bundle the same OpenAPI document as the committed openapi.json (no metadata lost in bundling)', async () => {
    type Spec = { paths: Record<string, unknown>; components: unknown };
    const served = (await (await fetch(`http://127.0.0.1:${port}/docs/openapi.json`)).json()) as Spec;
    const committed = JSON.parse(readFileSync(new URL('../../openapi.json', import.meta.url), 'utf8')) as Spec;
    // The served document adds one operation per allowlisted relay template and the
    // signed-in hint in `info`; every committed path and every schema is there as committed.
    expect(served.components).toEqual(committed.components);
    for (const [path, operations] of Object.entries(committed.paths)) expect([path, served.paths[path]]).toEqual([path, operations]);
  });

  it('made the embedded database in the data folder', () => {
    expect(existsSync(join(dataDir, 'pglite', 'PG_VERSION'))).toBe(true);
  });

  it('logs in first time at the sandbox on this port (default PUBLIC_URL) and without a Node warning', async () => {
    const browser = new ManualBrowser();
    const done = await browserLogin(browser, `http://localhost:${port}`, 'bluejeans', ALICE, '/docs');
    expect([done.status, done.headers.get('location')]).toEqual([302, '/docs']);
    const me = await browser.request(`http://localhost:${port}/v1/auth/me`);
    expect(me.status).toBe(200);
    expect(stderr).not.toMatch(/DEP0\d+|Warning:/);
  }, 60_000);
});
