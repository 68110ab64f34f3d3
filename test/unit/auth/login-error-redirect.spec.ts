import { browserFailureLocation, failureLocation, nativeFailureLocation } from '../../../src/auth/login/login-error-redirect.js';

const failure = { code: 'provider_refused', requestId: 'req-1' };

describe('where a failed login is sent', () => {
  it('keeps a same-origin path relative and puts the error before the fragment', () => {
    expect(browserFailureLocation('/app?x=1#frag', failure)).toBe('/app?x=1&error=provider_refused&requestId=req-1#frag');
  });

  it('keeps an app-origin URL absolute', () => {
    expect(browserFailureLocation('http://localhost:5173/', failure)).toBe('http://localhost:5173/?error=provider_refused&requestId=req-1');
  });

  it('replaces an error the returnTo already carried instead of repeating it', () => {
    expect(browserFailureLocation('/app?error=old', failure)).toBe('/app?error=provider_refused&requestId=req-1');
  });

  it('never puts anything but a plain code in the URL', () => {
    expect(browserFailureLocation('/', { code: 'Bad code <x>', requestId: 'r' })).toBe('/?error=login_failed&requestId=r');
  });

  it('sends a native failure to the registered URI with the app state', () => {
    expect(nativeFailureLocation({ redirectUri: 'com.example.app:/oauth', codeChallenge: 'c', appState: 's1' }, failure)).toBe(
      'com.example.app:/oauth?error=provider_refused&requestId=req-1&state=s1',
    );
  });

  it('prefers the configured error page for browsers, never for native apps', () => {
    expect(failureLocation({ returnTo: '/app' }, failure, '/login-error')).toBe('/login-error?error=provider_refused&requestId=req-1');
    const native = { redirectUri: 'com.example.app:/oauth', codeChallenge: 'c' };
    expect(failureLocation({ returnTo: '/', native }, failure, '/login-error')).toBe('com.example.app:/oauth?error=provider_refused&requestId=req-1');
  });
});
