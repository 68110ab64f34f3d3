import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { SANDBOX_KINDS, startLoginStack, type LoginStack } from '../support/login-stack.js';

const ALICE = { username: 'alice', password: 'alice-password', id: '1001' };

interface Operation {
  operationId: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
}
interface ServedSpec {
  info: { description: string };
  paths: Record<string, Record<string, Operation>>;
}

// What an ops person types into "Try it out" for alice (sandbox ids are user ids).
const TRY_IT_VALUES: Record<string, string> = { user_id: ALICE.id, account_id: ALICE.id };

/** What Swagger UI does with a path template and the values typed in: each value percent-encoded into its segment. */
function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]));
}

describe('Swagger UI for ops: the served spec relays per template and shows who is signed in', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error' });
  }, 60_000);
  afterAll(async () => stack.close());

  async function servedSpec(browser: ManualBrowser): Promise<ServedSpec> {
    const res = await browser.get(`${stack.bff.url}/docs/openapi.json`);
    expect(res.status).toBe(200);
    return (await res.json()) as ServedSpec;
  }

  it('has one tag per concern: no duplicated controller tag on the relay', async () => {
    const spec = await servedSpec(new ManualBrowser());
    const tags = new Set(Object.values(spec.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])));
    expect([...tags].sort()).toEqual(['admin', 'auth', 'clients', 'health', 'relay', 'sessions', 'usage']);
  });

  it('lists one operation per allowlisted template of each provider, with its path parameters', async () => {
    const spec = await servedSpec(new ManualBrowser());
    const user = spec.paths['/v1/api/bluejeans/v1/user/{user_id}']?.get;
    expect(user?.tags).toEqual(['relay']);
    expect(user?.parameters).toEqual([expect.objectContaining({ name: 'user_id', in: 'path', required: true })]);
    expect(spec.paths['/v1/api/genesys/api/v2/oauth/scopes/{scopeId}']?.get?.parameters).toEqual([expect.objectContaining({ name: 'scopeId' })]);
    expect(spec.paths['/v1/api/generic/me']?.get).toBeDefined();
    expect(spec.paths['/v1/api/{provider}/{path}']?.get).toBeDefined();
  });

  it('says who is signed in and links a login per provider', async () => {
    const anonymous = await servedSpec(new ManualBrowser());
    expect(anonymous.info.description).toContain('Not signed in');
    for (const id of [...SANDBOX_KINDS, 'generic']) expect(anonymous.info.description).toContain(`/v1/auth/${id}/login?returnTo=/docs`);
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE, '/docs');
    const me = (await (await browser.get(`${stack.bff.url}/v1/auth/me`)).json()) as { user: { id: string } };
    const signedIn = await servedSpec(browser);
    expect(signedIn.info.description).toContain(`**Signed in:** user \`${me.user.id}\` (linked: bluejeans`);
  });

  it.each(SANDBOX_KINDS)('%s: a "Try it out" request to a templated operation relays with 200', async (provider) => {
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, provider, ALICE, '/docs');
    const spec = await servedSpec(browser);
    const templates = Object.keys(spec.paths).filter((path) => path.startsWith(`/v1/api/${provider}/`) && spec.paths[path].get);
    expect(templates.length).toBeGreaterThan(0);
    const fillable = templates.filter((path) => [...path.matchAll(/\{(\w+)\}/g)].every((m) => m[1] in TRY_IT_VALUES));
    expect(fillable.length).toBeGreaterThan(0);
    for (const template of fillable) {
      // Swagger UI sends X-CSRF through its request interceptor; a GET needs none, the cookie is enough.
      const res = await browser.get(`${stack.bff.url}${fillPath(template, TRY_IT_VALUES)}`);
      expect([template, res.status]).toEqual([template, 200]);
    }
  });
});
