import { mapFailure, safeUpstreamText } from '../../../src/providers/http/map-failure.js';
import { retryAfterSeconds } from '../../../src/providers/http/upstream-http.js';

// Pieces of the HTTP layer that the sandbox cannot easily provoke.
describe('upstream error text', () => {
  it('blanks credential-looking runs an upstream might echo, and keeps one short line', () => {
    const text = safeUpstreamText('bad token eyJhbGciOiJSUzI1NiJ9.abc.def\nsecond line ' + 'x'.repeat(300));
    expect(text).not.toContain('eyJhbGci');
    expect(text).not.toContain('\n');
    expect(text!.length).toBeLessThanOrEqual(160);
    expect(safeUpstreamText("Invalid 'redirect_uri' value.")).toBe("Invalid 'redirect_uri' value.");
  });

  it('never lets the verdict detail carry a secret into the error message', () => {
    const response = { status: 400, headers: new Headers(), body: {} };
    const error = mapFailure('p', 'code exchange', response, () => ({ failure: 'invalid_grant', detail: 'code Zm9vYmFyYmF6cXV4cXV1eHF1dXg was bad' }));
    expect(error.message).toBe('code exchange: the provider rejected the grant (HTTP 400: code [redacted] was bad)');
  });
});

describe('Retry-After', () => {
  it('reads delta-seconds and HTTP-dates, bounded to [1, 3600]', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(retryAfterSeconds(new Headers({ 'retry-after': '12' }), now)).toBe(12);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:30 GMT' }), now)).toBe(30);
    expect(retryAfterSeconds(new Headers({ 'retry-after': '999999' }), now)).toBe(3600);
    expect(retryAfterSeconds(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterSeconds(new Headers(), now)).toBeUndefined();
  });

  it('a 429 without the header still tells callers to back off a second', () => {
    const error = mapFailure('p', 'refresh', { status: 429, headers: new Headers(), body: undefined }, () => undefined);
    expect(error).toMatchObject({ failure: 'rate_limited', retryAfterSeconds: 1 });
  });
});
