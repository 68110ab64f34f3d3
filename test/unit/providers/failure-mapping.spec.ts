import { BlueJeansAdapter } from '../../../src/providers/adapters/bluejeans.adapter.js';
import { CalcomAdapter } from '../../../src/providers/adapters/calcom.adapter.js';
import { GenesysAdapter } from '../../../src/providers/adapters/genesys.adapter.js';
import { PhoneComAdapter } from '../../../src/providers/adapters/phonecom.adapter.js';
import type { ProviderAdapter } from '../../../src/providers/provider-adapter.js';
import { sendJson, startHarness, type Harness } from '../sandbox/sandbox-harness.js';
import { TEST_REDIRECT_URI, armFault, loginAndExchange, sandboxProvider, upstreamFailure } from './helpers/sandbox-providers.js';

// Sandbox faults on each provider's token and refresh routes must reach callers as the
// failure they act on: 5xx/timeout/drop -> unavailable (keep the link), 429 -> rate_limited
// with Retry-After, an injected invalid grant on refresh -> invalid_grant (end the link).
let harness: Harness;
// Generous against a loaded CI machine: the injected latency below is well past it.
const TIMEOUT_MS = 1_000;
const adapters: Record<string, ProviderAdapter> = {};

beforeAll(async () => {
  harness = await startHarness();
  adapters.bluejeans = new BlueJeansAdapter(sandboxProvider('bluejeans', harness.url, { timeoutMs: TIMEOUT_MS }));
  adapters.genesys = new GenesysAdapter(sandboxProvider('genesys', harness.url, { timeoutMs: TIMEOUT_MS }));
  adapters.calcom = new CalcomAdapter(sandboxProvider('calcom', harness.url, { timeoutMs: TIMEOUT_MS }));
  adapters.phonecom = new PhoneComAdapter(sandboxProvider('phonecom', harness.url, { timeoutMs: TIMEOUT_MS }));
});
afterEach(() => sendJson('DELETE', `${harness.url}/_control/faults`, undefined));
afterAll(() => harness.close());

const exchangeBogus = (adapter: ProviderAdapter) => adapter.exchangeCode({ code: 'some-code', codeVerifier: 'v'.repeat(43), redirectUri: TEST_REDIRECT_URI });

describe.each(['bluejeans', 'genesys', 'calcom', 'phonecom'])('%s failure mapping', (provider) => {
  it('a 503 on the token route -> unavailable (503), with the upstream status kept', async () => {
    await armFault(harness.url, { provider, route: 'token', status: 503, times: 1 });
    const error = await upstreamFailure(() => exchangeBogus(adapters[provider]));
    expect(error).toMatchObject({ failure: 'unavailable', status: 503, upstreamStatus: 503, provider: `${provider}-test` });
  });

  it('a 429 with Retry-After -> rate_limited carrying retryAfterSeconds and the header', async () => {
    await armFault(harness.url, { provider, route: 'token', status: 429, retryAfterSeconds: 7, times: 1 });
    const error = await upstreamFailure(() => exchangeBogus(adapters[provider]));
    expect(error).toMatchObject({ failure: 'rate_limited', retryAfterSeconds: 7, headers: { 'Retry-After': '7' } });
  });

  it('latency past the timeout -> unavailable, promptly', async () => {
    await armFault(harness.url, { provider, route: 'token', latencyMs: 2_500, times: 1 });
    const error = await upstreamFailure(() => exchangeBogus(adapters[provider]));
    // The timeout's own message proves the call was cut at TIMEOUT_MS rather than waiting
    // for the late answer (which would have been a 400 for this bogus code).
    expect(error.failure).toBe('unavailable');
    expect(error.message).toContain(`${TIMEOUT_MS} ms`);
    // Let the sandbox finish its delayed answer so no timer outlives the suite.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  });

  it('a dropped connection -> unavailable', async () => {
    await armFault(harness.url, { provider, route: 'token', drop: true, times: 1 });
    expect((await upstreamFailure(() => exchangeBogus(adapters[provider]))).failure).toBe('unavailable');
  });

  it('an injected invalid grant on refresh -> invalid_grant; a 502 on refresh -> unavailable', async () => {
    const tokens = await loginAndExchange(adapters[provider]);
    await armFault(harness.url, { provider, route: 'refresh', invalidGrant: true, times: 1 });
    expect((await upstreamFailure(() => adapters[provider].refresh(tokens.refreshToken!))).failure).toBe('invalid_grant');
    await armFault(harness.url, { provider, route: 'refresh', status: 502, times: 1 });
    expect((await upstreamFailure(() => adapters[provider].refresh(tokens.refreshToken!))).failure).toBe('unavailable');
  });
});

describe('connection failures', () => {
  it('an unreachable provider -> unavailable naming no URL', async () => {
    const dead = new PhoneComAdapter(sandboxProvider('phonecom', 'http://127.0.0.1:9', { timeoutMs: TIMEOUT_MS }));
    const error = await upstreamFailure(() => dead.refresh('refresh-token-value'));
    expect(error.failure).toBe('unavailable');
    expect(error.message).not.toMatch(/127\.0\.0\.1|refresh-token-value/);
  });
});
