import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { LoginStack } from '../support/login-stack.js';
import { bombs, type Bombs } from './support/bombs.js';
import { framingCases, RELAY_TARGETS } from './support/edge-cases.js';
import { casesFor, FUZZ_CLASSES, type Baseline, type FuzzCase, type FuzzClass } from './support/fuzz-cases.js';
import { ALICE, disposableIdentity, nativeIdentity, opsIdentity, startFuzzStack, webIdentity, type Identity } from './support/fuzz-stack.js';
import { loadOperations, type Operation } from './support/openapi-operations.js';
import { sendRaw, type WireResponse } from './support/raw-http.js';
import { violations } from './support/response-checks.js';

const SEED = 0x15f022;
const CONCURRENCY = 6;
// Routes that end sessions or unlink a provider: each runs on a throwaway session, replaced after any 2xx.
// The password and meeting grants replace the caller's cookie session (session fixation defence).
const DESTRUCTIVE = new Set(['POST /v1/auth/{provider}/password', 'POST /v1/auth/{provider}/meeting', 'POST /v1/auth/logout', 'DELETE /v1/sessions', 'DELETE /v1/sessions/{id}', 'DELETE /v1/auth/links/{provider}', 'POST /v1/auth/{provider}/logout']);
// Routes that need the ops role (or act on ops-managed upstream clients): the ops session goes deepest.
const OPS_ROUTES = /^\/v1\/(admin\/|usage\/|clients\/)|\/client-credentials$/;

/** Which provider a route family talks to in this stack, and ids that exist nowhere (nothing real is changed). */
function pathValue(op: Operation, name: string): string {
  if (name === 'provider') return op.path.startsWith('/v1/clients') || op.path.startsWith('/v1/usage/') ? 'genesys' : op.path.startsWith('/v1/api/') ? 'calcom' : 'bluejeans';
  if (name === 'path') return '_control/echo';
  if (name === 'scopeId') return 'users:readonly';
  if (name === 'clientId') return '00000000-0000-4000-8000-00000000ffff';
  return '00000000-0000-4000-8000-00000000abcd';
}

const GENESYS_CLIENT = { name: 'Fuzzed client', description: 'Made by the fuzz run', grantTypes: ['authorization_code'], redirectUris: ['https://dash.example.com/cb'], scopes: ['users:readonly'], accessTokenValiditySeconds: 3600 };
/** Where the spec's examples alone would stop every case at validation (so the fields' fuzz reaches the handlers). */
const BASELINES: Record<string, Baseline> = {
  'POST /v1/clients/{provider}': { body: GENESYS_CLIENT },
  'PUT /v1/clients/{provider}/{clientId}': { body: GENESYS_CLIENT },
  'GET /v1/usage/local/me': { omitQuery: ['userId'] },
  'GET /v1/admin/audit': { omitQuery: ['cursor'] },
  'GET /v1/auth/{provider}/login': { omitQuery: ['client', 'redirectUri', 'codeChallenge', 'state'] },
};

interface Failure {
  op: string;
  cls: FuzzClass;
  label: string;
  identity: string;
  problems: string[];
}

/**
 * The fuzz run of issue 15: every operation in the committed openapi.json, each fuzz
 * class (wrong types, 100 KB strings, NUL/CRLF, deep JSON, wrong content types,
 * compression bombs, duplicated parameters, large headers), sent on the wire as written
 * against the real app (sandbox, oidc-provider, Postgres, Redis), with web, native and
 * ops sessions. No answer may be a 5xx; every 4xx from the app is a problem with a stable
 * code; nothing leaks; the process stays ready.
 */
describe('fuzz: every route of openapi.json', () => {
  let stack: LoginStack;
  let port: number;
  let web: Identity;
  let native: Identity;
  let ops: Identity;
  let payloads: Bombs;
  let secrets: string[];
  const sent: Record<FuzzClass, number> = Object.fromEntries(FUZZ_CLASSES.map((c) => [c, 0])) as Record<FuzzClass, number>;
  const statuses = new Map<number, number>();
  const baselines: Record<string, number> = {};
  const failures: Failure[] = [];
  const operations = loadOperations(join(process.cwd(), 'openapi.json'));

  beforeAll(async () => {
    [stack, payloads] = await Promise.all([startFuzzStack(), bombs()]);
    port = Number(new URL(stack.bff.url).port);
    // One after the other: alice's first web and native logins at once would race to create her user.
    web = await webIdentity(stack, 'web', ALICE, ['bluejeans', 'calcom']);
    native = await nativeIdentity(stack);
    ops = await opsIdentity(stack);
    secrets = [...Object.entries(stack.instanceEnv).filter(([k]) => /SECRET|KEY/.test(k) && k !== 'REDIS_KEY_PREFIX').map(([, v]) => v)];
  }, 120_000);
  afterAll(async () => stack?.close());

  async function send(op: Operation, fuzz: FuzzCase, identity: Identity | undefined): Promise<WireResponse | undefined> {
    sent[fuzz.cls]++;
    const record = (problems: string[]) => failures.push({ op: `${op.method} ${op.path}`, cls: fuzz.cls, label: fuzz.label, identity: identity?.name ?? 'anonymous', problems });
    try {
      const res = await sendRaw(port, { method: fuzz.method, target: fuzz.target, headers: [...(identity?.headers ?? []), ...fuzz.headers], body: fuzz.body });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (fuzz.cls === 'baseline') baselines[`${op.method} ${op.path}`] = res.status;
      const found = violations(fuzz, res, { relayed: op.path.startsWith('/v1/api/'), secrets: [...secrets, web.secret, native.secret, ops.secret, identity?.secret ?? ''] });
      if (found.length) record(found);
      return res;
    } catch (error) {
      record([`no answer: ${(error as Error).message}`]);
      return undefined;
    }
  }

  /** Identities rotate case by case, so each fuzz class meets cookie, bearer and role sessions (and the anonymous path). */
  function identityFor(op: Operation, index: number): Identity | undefined {
    const rotation = OPS_ROUTES.test(op.path) ? [ops, ops, native, ops] : [web, native, ops, undefined];
    return rotation[index % rotation.length];
  }

  async function fuzzOperation(op: Operation, index: number): Promise<void> {
    const cases = casesFor(op, pathValue, payloads, SEED + index, BASELINES[`${op.method} ${op.path}`]);
    if (DESTRUCTIVE.has(`${op.method} ${op.path}`)) {
      let victim: Identity | undefined;
      for (const fuzz of cases) {
        victim ??= await disposableIdentity(stack);
        const res = await send(op, fuzz, victim);
        if (!res || res.status < 300) victim = undefined;
      }
      return;
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length) {
          const at = next++;
          await send(op, cases[at], identityFor(op, at));
        }
      }),
    );
  }

  /** A long-lived session that an operation ended is a bug in DESTRUCTIVE (its remaining cases would test less): recorded, then replaced. */
  async function checkSessionsAfter(op: Operation): Promise<void> {
    for (const identity of [web, native, ops]) {
      const res = await fetch(`${stack.bff.url}/v1/auth/me`, { headers: Object.fromEntries(identity.headers) });
      if (res.status === 200) continue;
      failures.push({ op: `${op.method} ${op.path}`, cls: 'baseline', label: `ended the ${identity.name} session (${res.status})`, identity: identity.name, problems: ['add the route to DESTRUCTIVE'] });
      if (identity === web) web = await webIdentity(stack, 'web', ALICE, ['bluejeans', 'calcom']);
      if (identity === native) native = await nativeIdentity(stack);
      if (identity === ops) ops = await opsIdentity(stack);
    }
  }

  it('answers every fuzzed request of every operation without a 5xx, with problem+json 4xx and no leaks', async () => {
    for (const [index, op] of operations.entries()) {
      await fuzzOperation(op, index);
      await checkSessionsAfter(op);
    }
    const total = Object.values(sent).reduce((a, b) => a + b, 0);
    // The numbers the report quotes (visible with --verbose or on failure).
    console.info(`fuzz: ${total} requests over ${operations.length} operations`, sent, Object.fromEntries([...statuses].sort(([a], [b]) => a - b)), baselines);
    expect(operations.length).toBeGreaterThanOrEqual(40);
    for (const cls of FUZZ_CLASSES) expect(sent[cls]).toBeGreaterThan(0);
    expect(failures.slice(0, 40)).toEqual([]);
  }, 600_000);

  it('the relay edge and the request line: traversal, odd encodings, long paths, framing; nothing relayed outside the allowlist', async () => {
    const relayOp: Operation = { method: 'GET', path: '/v1/api/{provider}/{path}', parameters: [], responses: [] };
    const body = Buffer.from('{"a":1}');
    const cases: FuzzCase[] = [
      ...RELAY_TARGETS.flatMap((target) => [
        { cls: 'nul-crlf' as const, label: `GET ${target.slice(0, 80)}`, method: 'GET', target, headers: [] },
        { cls: 'nul-crlf' as const, label: `POST ${target.slice(0, 80)}`, method: 'POST', target, headers: [['Content-Type', 'application/json']] as [string, string][], body },
      ]),
      ...framingCases(),
    ];
    const leaked: string[] = [];
    for (const [index, fuzz] of cases.entries()) {
      for (const identity of [web, undefined]) {
        const res = await send(relayOp, fuzz, identity);
        // A relayed 2xx shows what the upstream received (the sandbox's echo): only the allowlisted path, ever.
        if (res && res.status < 300 && /^\/v1\/api\//i.test(fuzz.target) && res.headers['content-type']?.includes('json')) {
          const upstreamPath = ((JSON.parse(res.body.toString()) as { url?: string }).url ?? '').split('?')[0];
          if (upstreamPath !== '/_control/echo') leaked.push(`${fuzz.label} reached ${upstreamPath}`);
        }
      }
      if (index % 20 === 19) await checkSessionsAfter(relayOp);
    }
    console.info(`relay edge and framing: ${cases.length * 2} requests`);
    expect(leaked).toEqual([]);
    expect(failures.slice(0, 40)).toEqual([]);
  }, 300_000);

  it('stays healthy: ready, and the sessions used by the run still work', async () => {
    expect((await fetch(`${stack.bff.url}/health/ready`)).status).toBe(200);
    for (const identity of [web, native, ops]) {
      const res = await fetch(`${stack.bff.url}/v1/auth/me`, { headers: Object.fromEntries(identity.headers) });
      expect({ identity: identity.name, status: res.status }).toEqual({ identity: identity.name, status: 200 });
    }
  });
});
