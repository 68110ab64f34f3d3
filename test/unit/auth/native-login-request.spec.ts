import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { appRedirect, nativeLoginRequest } from '../../../src/auth/native/native-login-request.js';
import { verifiesS256 } from '../../../src/auth/native/pkce.js';
import { loadConfig } from '../../../src/config/load-config.js';

const config = loadConfig({ NATIVE_REDIRECT_URIS: 'com.example.app:/oauth,https://app.example.test/cb' });
const challenge = createHash('sha256').update('v'.repeat(43)).digest('base64url');

describe('native login request', () => {
  it('is undefined for browser logins', () => {
    expect(nativeLoginRequest({ returnTo: '/' }, config)).toBeUndefined();
  });

  it('accepts only an exact registered redirect URI', () => {
    expect(nativeLoginRequest({ client: 'native', redirectUri: 'com.example.app:/oauth', codeChallenge: challenge }, config)).toEqual({ redirectUri: 'com.example.app:/oauth', codeChallenge: challenge });
    for (const redirectUri of ['com.example.app:/oauth/', 'COM.example.app:/oauth', 'https://app.example.test/cb?x=1', undefined]) {
      expect(() => nativeLoginRequest({ client: 'native', redirectUri, codeChallenge: challenge }, config)).toThrow(expect.objectContaining({ code: 'native_redirect_uri_invalid' }));
    }
  });

  it('refuses plain challenges and unsafe app state', () => {
    expect(() => nativeLoginRequest({ client: 'native', redirectUri: 'com.example.app:/oauth', codeChallenge: challenge, codeChallengeMethod: 'plain' }, config)).toThrow(expect.objectContaining({ code: 'native_code_challenge_invalid' }));
    expect(() => nativeLoginRequest({ client: 'native', redirectUri: 'com.example.app:/oauth', codeChallenge: challenge, state: 'a&code=x' }, config)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('appends code and state to custom-scheme and https redirect URIs', () => {
    expect(appRedirect({ redirectUri: 'com.example.app:/oauth', codeChallenge: challenge, appState: 's1' }, 'abc')).toBe('com.example.app:/oauth?code=abc&state=s1');
    expect(appRedirect({ redirectUri: 'https://app.example.test/cb', codeChallenge: challenge }, 'abc')).toBe('https://app.example.test/cb?code=abc');
  });

  it('verifies S256 and rejects another verifier', () => {
    expect(verifiesS256('v'.repeat(43), challenge)).toBe(true);
    expect(verifiesS256('w'.repeat(43), challenge)).toBe(false);
  });
});
