import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { defaultProviders } from '../../../src/providers/config/default-providers.js';
import { parseProvidersDocument } from '../../../src/providers/config/load-providers.js';

const config = loadConfig({ RELAY_STRIP_HEADERS: 'X-Internal, x-tenant' });
const context = { http: config.http, sandbox: config.sandbox, secretFromEnv: () => 'secret' };
const entry = (relay: unknown) => ({ id: 'cal', kind: 'calcom', displayName: 'Cal', endpoints: { apiBaseUrl: 'https://api.cal.example' }, clientId: 'c', clientSecretEnv: 'CAL_SECRET', relay });

function problems(relay: unknown): string[] {
  try {
    parseProvidersDocument({ providers: [entry(relay)] }, context);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
  }
  return [];
}

describe('relay configuration', () => {
  it('has documented defaults and lower-cases extra headers', () => {
    expect(config.relay).toEqual({ maxBodyBytes: 1_048_576, maxResponseBytes: 10_485_760, timeoutMs: 15_000, connectTimeoutMs: 5_000, replayBufferBytes: 65_536, stripHeaders: ['x-internal', 'x-tenant'] });
  });

  it('parses a relay block: upper-cases methods, defaults allow and stripHeaders', () => {
    const [parsed] = parseProvidersDocument({ providers: [entry({ allow: [{ methods: ['get', 'Post'], path: '/v2/bookings/{uid}' }] })] }, context);
    expect(parsed.relay).toEqual({ allow: [{ methods: ['GET', 'POST'], path: '/v2/bookings/{uid}' }], stripHeaders: [] });
  });

  it.each([
    ['a dot segment in a template', { allow: [{ methods: ['GET'], path: '/v2/../me' }] }, /relay\.allow\[0\]\.path: must be a path template/],
    ['a wildcard', { allow: [{ methods: ['GET'], path: '/v2/*' }] }, /relay\.allow\[0\]\.path/],
    ['a relative template', { allow: [{ methods: ['GET'], path: 'v2/me' }] }, /relay\.allow\[0\]\.path/],
    ['a mixed param segment', { allow: [{ methods: ['GET'], path: '/v2/{id}.json' }] }, /relay\.allow\[0\]\.path/],
    ['an unknown method', { allow: [{ methods: ['TRACE'], path: '/v2/me' }] }, /relay\.allow\[0\]\.methods\[0\]: must be one of/],
    ['a base URL with a query', { baseUrl: 'https://api.example/?x=1', allow: [] }, /relay\.baseUrl: must not have a query string/],
    ['a non-http base URL', { baseUrl: 'file:///etc', allow: [] }, /relay\.baseUrl: must be an absolute http/],
    ['an unknown key (typo)', { alow: [] }, /relay: unknown key\(s\) "alow"/],
  ])('refuses %s', (_name, relay, message) => {
    expect(problems(relay)).toEqual([expect.stringMatching(message)]);
  });

  it('gives every sandbox default provider an allowlist for its protected resources', () => {
    const relay = Object.fromEntries(defaultProviders(config).map((p) => [p.id, p.relay?.allow.map((r) => `${r.methods.join(',')} ${r.path}`)]));
    expect(relay.bluejeans).toEqual(['GET /v1/user/{user_id}', 'GET /v1/user/{user_id}/scheduled_meeting']);
    expect(relay.genesys).toContain('GET /api/v2/users/me');
    expect(relay.calcom).toEqual(['GET /v2/me']);
    expect(relay.phonecom).toContain('GET /accounts/{account_id}');
  });
});
