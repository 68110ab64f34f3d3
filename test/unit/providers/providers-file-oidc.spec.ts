import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '../../../src/config/load-config.js';
import { parseProvidersDocument } from '../../../src/providers/config/load-providers.js';
import { oidcCapabilities } from '../../../src/providers/adapters/generic/oidc-capabilities.js';
import type { ServerMetadata } from '../../../src/providers/adapters/generic/discovery.js';
import { loaderContext } from './helpers/sandbox-providers.js';

const SECRETS = { IDP_SECRET: 'idp-secret-value', BJ_SECRET: 'bj-secret-value' };
const idp = (extra: Record<string, unknown> = {}) => ({ id: 'idp', kind: 'generic', displayName: 'IdP', endpoints: { issuer: 'https://idp.example/' }, clientId: 'c', clientSecretEnv: 'IDP_SECRET', ...extra });
const bluejeans = (extra: Record<string, unknown> = {}) => ({ id: 'bj', kind: 'bluejeans', displayName: 'BJ', endpoints: { apiBaseUrl: 'https://api.bj.example' }, clientId: 'c', clientSecretEnv: 'BJ_SECRET', ...extra });

function problemsOf(providers: unknown[]): string[] {
  try {
    parseProvidersDocument({ providers }, loaderContext(SECRETS));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('providers file: the oidc block', () => {
  it('fills defaults for a generic entry and keeps it absent when not given', () => {
    const [withBlock, without] = parseProvidersDocument({ providers: [idp({ oidc: { backchannelLogout: true, par: true } }), { ...idp(), id: 'idp2' }] }, loaderContext(SECRETS));
    expect(withBlock.oidc).toEqual({ backchannelLogout: true, rpInitiatedLogout: true, par: true, dpop: false });
    expect(without.oidc).toBeUndefined();
  });

  it('is refused on other kinds and with unknown keys', () => {
    expect(problemsOf([bluejeans({ oidc: { par: true } })])).toEqual([expect.stringMatching(/^providers\[0\] \("bj"\)\.oidc: only a generic/)]);
    expect(problemsOf([idp({ oidc: { frontchannel: true } })])).toEqual([expect.stringMatching(/\.oidc: unknown key\(s\) "frontchannel"/)]);
    expect(problemsOf([bluejeans({ oidc: { dpop: true } })])).toEqual([expect.stringMatching(/\.oidc: only a generic/)]);
  });

  it('accepts dpop: true on a generic provider', () => {
    const [entry] = parseProvidersDocument({ providers: [idp({ oidc: { dpop: true } })] }, loaderContext(SECRETS));
    expect(entry.oidc).toEqual({ backchannelLogout: false, rpInitiatedLogout: true, par: false, dpop: true });
  });
});

describe('oidc capabilities: enabled in the file AND advertised', () => {
  const base: ServerMetadata = { issuer: 'https://idp.example/', authorization_endpoint: 'a', token_endpoint: 't' };
  const all = { backchannelLogout: true, rpInitiatedLogout: true, par: true, dpop: true };

  it('nothing advertised: all off, whatever the file says', () => {
    expect(oidcCapabilities(base, all)).toEqual({ backchannelLogout: false, rpInitiatedLogout: false, par: false, dpop: false });
  });

  it('advertised but not enabled: only RP-initiated logout (on by default)', () => {
    const advertised = { ...base, backchannel_logout_supported: true, end_session_endpoint: 'e', pushed_authorization_request_endpoint: 'p', dpop_signing_alg_values_supported: ['ES256'] };
    expect(oidcCapabilities(advertised)).toEqual({ backchannelLogout: false, rpInitiatedLogout: true, par: false, dpop: false });
    expect(oidcCapabilities(advertised, all)).toEqual({ backchannelLogout: true, rpInitiatedLogout: true, par: true, dpop: true });
  });

  it('DPoP stays off when the server does not list ES256 (our proofs could not be verified)', () => {
    const rsaOnly = { ...base, dpop_signing_alg_values_supported: ['RS256', 'PS256'] };
    expect(oidcCapabilities(rsaOnly, all).dpop).toBe(false);
  });
});
