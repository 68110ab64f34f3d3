import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../../src/config/app-config.js';
import { ConfigError } from '../../../src/config/load-config.js';
import { loadProviders, parseProvidersDocument } from '../../../src/providers/config/load-providers.js';
import { loaderContext } from './helpers/sandbox-providers.js';

// The providers file is validated once at boot; every problem must name the provider and the field.
const SECRETS = { BJ_SECRET: 'bj-secret-value', IDP_SECRET: 'idp-secret-value' };

const bluejeans = () => ({
  id: 'bj',
  kind: 'bluejeans',
  displayName: 'BlueJeans',
  endpoints: { apiBaseUrl: 'https://api.bluejeans.example/' },
  clientId: 'bj-client',
  clientSecretEnv: 'BJ_SECRET',
  scopes: ['user_info'],
});
const idp = () => ({ id: 'idp', kind: 'generic', displayName: 'IdP', endpoints: { issuer: 'https://idp.example/' }, clientId: 'c', clientSecretEnv: 'IDP_SECRET' });

function problemsOf(providers: unknown[], secrets: Record<string, string> = SECRETS): string[] {
  try {
    parseProvidersDocument({ providers }, loaderContext(secrets));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('providers file: valid', () => {
  it('resolves endpoints, defaults, the secret (non-enumerable) and the relay block', () => {
    const relay = { baseUrl: 'https://api.bluejeans.example', allow: [{ methods: ['GET'], path: '/v1/user/{user_id}' }], stripHeaders: ['x-internal'] };
    const [bj, generic] = parseProvidersDocument({ providers: [{ ...bluejeans(), relay }, idp()] }, loaderContext(SECRETS));
    expect(bj).toMatchObject({
      endpoints: {
        apiBaseUrl: 'https://api.bluejeans.example',
        authorizeUrl: 'https://api.bluejeans.example/oauth2/authorize',
        tokenInfoUrl: 'https://api.bluejeans.example/oauth2/tokenInfo',
      },
      redirectUri: 'http://localhost:3000/v1/auth/bj/callback',
      grants: { password: false, meeting: false, clientCredentials: false },
      pkce: true,
      timeoutMs: 10_000,
      relay,
    });
    expect(bj.clientSecret).toBe('bj-secret-value');
    expect(JSON.stringify(bj)).not.toContain('bj-secret-value');
    // The issuer is kept byte for byte (trailing slash included): it is compared with `iss`.
    expect(generic.endpoints.issuer).toBe('https://idp.example/');
    expect(generic.scopes).toEqual(['openid', 'profile', 'email']);
  });

  it('reads YAML and JSON files from PROVIDERS_FILE', () => {
    const dir = mkdtempSync(join(tmpdir(), 'providers-'));
    const yamlPath = join(dir, 'providers.yaml');
    writeFileSync(yamlPath, 'providers:\n  - id: bj\n    kind: bluejeans\n    displayName: BJ\n    endpoints: { apiBaseUrl: "https://bj.example" }\n    clientId: x\n    clientSecretEnv: BJ_SECRET\n    grants: { meeting: true }\n');
    const jsonPath = join(dir, 'providers.json');
    writeFileSync(jsonPath, JSON.stringify({ providers: [idp()] }));
    const base = { ...loaderContext(SECRETS), isProduction: false };
    expect(loadProviders({ ...base, providersFile: yamlPath })[0].grants).toEqual({ password: false, meeting: true, clientCredentials: false });
    expect(loadProviders({ ...base, providersFile: jsonPath })[0].kind).toBe('generic');
    expect(() => loadProviders({ ...base, providersFile: join(dir, 'missing.yaml') })).toThrow(/PROVIDERS_FILE: cannot read .*ENOENT/);
  });

  it('without a file: the four sandbox providers outside production, none in production', () => {
    const base = { ...loaderContext({}), providersFile: undefined } as Pick<AppConfig, 'providersFile' | 'isProduction' | 'http' | 'sandbox' | 'secretFromEnv'>;
    const defaults = loadProviders({ ...base, isProduction: false });
    expect(defaults.map((p) => p.id)).toEqual(['bluejeans', 'genesys', 'calcom', 'phonecom']);
    // Must match the seed's registered BFF callback, or `npm start` logins fail.
    expect(defaults.map((p) => p.redirectUri)).toContain('http://localhost:3000/v1/auth/calcom/callback');
    expect(defaults[0]).toMatchObject({ clientId: 'bluejeans-demo-client-0000000001', endpoints: { tokenUrl: 'http://127.0.0.1:4010/bluejeans/oauth2/token' } });
    expect(defaults[0].clientSecret).toBe('bluejeans-demo-secret');
    expect(loadProviders({ ...base, isProduction: true })).toEqual([]);
  });
});

describe('providers file: invalid', () => {
  it('rejects an inline secret with a clear message', () => {
    expect(problemsOf([{ ...bluejeans(), clientSecret: 'oops' }])).toEqual([
      'providers[0] ("bj").clientSecret: inline secrets are not allowed; put the secret in an environment variable and name it in clientSecretEnv',
    ]);
  });

  it('names the provider and the variable when a referenced secret is not set', () => {
    expect(problemsOf([bluejeans()], {})).toEqual(['providers ("bj").clientSecretEnv: environment variable BJ_SECRET is not set (it must hold the client secret)']);
  });

  it.each([
    ['id', { id: 'Not A Slug' }, /^providers\[0\] \("Not A Slug"\)\.id: must be a url-safe slug/],
    ['kind', { kind: 'okta' }, /^providers\[0\] \("bj"\)\.kind: must be one of/],
    ['displayName', { displayName: '' }, /^providers\[0\] \("bj"\)\.displayName: /],
    ['clientId', { clientId: undefined }, /^providers\[0\] \("bj"\)\.clientId: is required$/],
    ['clientSecretEnv', { clientSecretEnv: 'not a name' }, /^providers\[0\] \("bj"\)\.clientSecretEnv: must be the NAME of an environment variable/],
    ['endpoints.apiBaseUrl', { endpoints: { apiBaseUrl: 'ftp://x' } }, /^providers\[0\] \("bj"\)\.endpoints\.apiBaseUrl: must be an absolute http\(s\) URL/],
    ['endpoints (unknown key)', { endpoints: { apiBaseUrl: 'https://x', tokenUri: 'https://x' } }, /^providers\[0\] \("bj"\)\.endpoints: unknown key\(s\) "tokenUri"$/],
    ['scopes', { scopes: ['has space'] }, /^providers\[0\] \("bj"\)\.scopes\[0\]: must be a scope token/],
    ['redirectUri', { redirectUri: 'javascript:alert(1)' }, /^providers\[0\] \("bj"\)\.redirectUri: /],
    ['grants', { grants: { password: 'yes' } }, /^providers\[0\] \("bj"\)\.grants\.password: /],
    ['pkce', { pkce: 'off' }, /^providers\[0\] \("bj"\)\.pkce: /],
    ['timeoutMs', { timeoutMs: 5 }, /^providers\[0\] \("bj"\)\.timeoutMs: /],
    ['relay.allow', { relay: { allow: [{ path: '/x' }] } }, /^providers\[0\] \("bj"\)\.relay\.allow\[0\]\.methods: is required$/],
    ['unknown key', { colour: 'blue' }, /^providers\[0\] \("bj"\): unknown key\(s\) "colour"$/],
  ])('names the field: %s', (_field, change, expected) => {
    const problems = problemsOf([{ ...bluejeans(), ...change }]);
    expect(problems).toEqual([expect.stringMatching(expected)]);
  });

  it('rejects a grant the kind cannot do, and generic without an issuer', () => {
    const genesys = { id: 'gc', kind: 'genesys', displayName: 'G', endpoints: { authorizeUrl: 'https://l/a', tokenUrl: 'https://l/t', apiBaseUrl: 'https://a' }, clientId: 'c', clientSecretEnv: 'BJ_SECRET', grants: { meeting: true } };
    expect(problemsOf([genesys])).toEqual(['providers[0] ("gc").grants.meeting: a genesys provider cannot do this grant']);
    expect(problemsOf([{ ...idp(), endpoints: {} }])).toEqual(['providers[0] ("idp").endpoints.issuer: is required']);
  });

  it('rejects duplicate ids, a non-object entry and a file without a providers list', () => {
    expect(problemsOf([bluejeans(), bluejeans()])).toEqual(['providers ("bj").id: duplicate id; ids must be unique']);
    expect(problemsOf(['bj'])).toEqual(['providers[0]: must be an object']);
    expect(() => parseProvidersDocument({ provider: [] }, loaderContext(SECRETS))).toThrow(/"providers" list/);
  });
});

describe('providers.example.yaml', () => {
  it('is a valid providers file once its secrets are set', () => {
    const secrets = Object.fromEntries(['BLUEJEANS', 'GENESYS', 'CALCOM', 'PHONECOM', 'CORP_SSO'].map((p) => [`${p}_CLIENT_SECRET`, 's']));
    const providers = loadProviders({ ...loaderContext(secrets), isProduction: true, providersFile: 'providers.example.yaml' });
    expect(providers.map((p) => p.kind)).toEqual(['bluejeans', 'genesys', 'calcom', 'phonecom', 'generic']);
    expect(providers[2].endpoints.authorizeUrl).toBe('https://app.cal.com/auth/oauth2/authorize?client_id=my-calcom-platform-client');
    expect(providers[2].pkce).toBe(false);
  });
});
