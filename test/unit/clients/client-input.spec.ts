import { describe, expect, it } from '@jest/globals';
import { preferredLanguage } from '../../../src/clients/dto/client-params.js';
import { isAcceptableRedirectUri } from '../../../src/clients/dto/redirect-uri.validator.js';

describe('redirect URIs a client may register', () => {
  it.each(['https://app.example.com/cb', 'https://app.example.com:8443/cb?x=1', 'http://127.0.0.1:8080/cb', 'http://localhost/cb', 'http://[::1]:3000/cb'])('accepts %s', (uri) => {
    expect(isAcceptableRedirectUri(uri)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'data:text/html,hi',
    '/relative/cb',
    'http://app.example.com/cb',
    'https://user:pw@app.example.com/cb',
    'https://app.example.com/cb#frag',
    'https://app.example.com/c b',
    'https://app.example.com/cb\r\nX: y',
    `https://app.example.com/${'a'.repeat(2001)}`,
    42,
  ])('refuses %s', (uri) => {
    expect(isAcceptableRedirectUri(uri)).toBe(false);
  });
});

describe('Accept-Language passed upstream', () => {
  it('takes the first tag, lower-cased, and falls back to en-us', () => {
    expect(preferredLanguage('de-DE,de;q=0.9,en;q=0.8')).toBe('de-de');
    expect(preferredLanguage('fr')).toBe('fr');
    expect(preferredLanguage(undefined)).toBe('en-us');
    expect(preferredLanguage('*')).toBe('en-us');
    expect(preferredLanguage('en\r\nX-Evil: 1')).toBe('en-us');
    expect(preferredLanguage('x'.repeat(500))).toBe('en-us');
  });
});
