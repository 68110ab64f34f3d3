import { describe, expect, it } from '@jest/globals';
import { buildUpstreamUrl } from '../../../src/relay/relay-target.js';

describe('relay upstream URL (never another host)', () => {
  it('joins base path prefix, normalised path and raw query', () => {
    expect(buildUpstreamUrl('http://127.0.0.1:4010/phonecom/v4/', '/accounts/1', 'a=1&b=%20').toString()).toBe('http://127.0.0.1:4010/phonecom/v4/accounts/1?a=1&b=%20');
    expect(buildUpstreamUrl('https://api.example', '/v2/me', '').toString()).toBe('https://api.example/v2/me');
  });

  it('keeps the origin even for paths that look like hosts', () => {
    const url = buildUpstreamUrl('https://api.example/base', '/evil.example%3A80/x', '');
    expect(url.origin).toBe('https://api.example');
    expect(url.pathname).toBe('/base/evil.example%3A80/x');
  });

  it('refuses a path that would climb out of the base (defence in depth behind normalisation)', () => {
    expect(() => buildUpstreamUrl('https://api.example/base', '/../admin', '')).toThrow('escaped');
  });
});
