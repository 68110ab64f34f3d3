import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../src/config/load-config.js';
import { parseProvidersDocument } from '../../../src/providers/config/load-providers.js';
import { loaderContext } from '../providers/helpers/sandbox-providers.js';

const SECRETS = { IDP_SECRET: 'idp-secret-value', IDP_IAT: 'initial-access-token-value' };
const idp = (extra: Record<string, unknown> = {}) => ({ id: 'idp', kind: 'generic', displayName: 'IdP', endpoints: { issuer: 'https://idp.example/' }, clientId: 'c', clientSecretEnv: 'IDP_SECRET', ...extra });

function problemsOf(entry: unknown, secrets: Record<string, string> = SECRETS): string[] {
  try {
    parseProvidersDocument({ providers: [entry] }, loaderContext(secrets));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('providers file: the management block', () => {
  it('defaults to the caller’s own token and no initial access token', () => {
    const [entry] = parseProvidersDocument({ providers: [idp()] }, loaderContext(SECRETS));
    expect(entry.management).toEqual({ opsAppToken: false, initialAccessTokenEnv: undefined });
  });

  it('resolves the initial access token without making it enumerable', () => {
    const [entry] = parseProvidersDocument({ providers: [idp({ grants: { clientCredentials: true }, management: { opsAppToken: true, initialAccessTokenEnv: 'IDP_IAT' } })] }, loaderContext(SECRETS));
    expect(entry.management?.opsAppToken).toBe(true);
    expect(entry.management?.initialAccessToken).toBe('initial-access-token-value');
    expect(JSON.stringify(entry)).not.toContain('initial-access-token-value');
  });

  it('refuses the ops app token without the client-credentials grant, a missing variable, and unknown keys', () => {
    expect(problemsOf(idp({ management: { opsAppToken: true } }))).toEqual(['providers[0] ("idp").management.opsAppToken: needs grants.clientCredentials: the app token comes from that grant']);
    expect(problemsOf(idp({ management: { initialAccessTokenEnv: 'NOT_SET_ANYWHERE' } }))).toEqual(['providers ("idp").management.initialAccessTokenEnv: environment variable NOT_SET_ANYWHERE is not set']);
    expect(problemsOf(idp({ management: { opsAppTokens: true } }))).toEqual([expect.stringContaining('unknown key(s) "opsAppTokens"')]);
  });
});
