import { CircuitBreaker, type BreakerState } from '../../../src/providers/circuit-breaker.js';
import { CircuitBreakers } from '../../../src/providers/circuit-breakers.js';
import { UpstreamError } from '../../../src/providers/upstream-error.js';

// The breaker's life cycle on a clock the test moves: closed -> open after N
// consecutive unhealthy failures -> fast 503s -> half-open trial -> closed or open again.
const down = () => Promise.reject(new UpstreamError('unavailable', 'p', 'timeout'));
const up = () => Promise.resolve('ok');

function setup(threshold = 3, cooldownMs = 10_000) {
  let now = 1_000_000;
  const states: BreakerState[] = [];
  const breaker = new CircuitBreaker('p', { failureThreshold: threshold, cooldownMs, now: () => now, onStateChange: (s) => states.push(s) });
  return { breaker, states, advance: (ms: number) => (now += ms) };
}

describe('CircuitBreaker', () => {
  it('opens after N consecutive unavailable failures and then answers 503 without calling', async () => {
    const { breaker, states } = setup();
    for (let i = 0; i < 3; i++) await expect(breaker.run(down)).rejects.toBeInstanceOf(UpstreamError);
    expect(breaker.state).toBe('open');
    let called = false;
    const error = await breaker.run(async () => (called = true)).catch((e: unknown) => e);
    expect(called).toBe(false);
    expect(error).toMatchObject({ failure: 'unavailable', status: 503, retryAfterSeconds: 10, headers: { 'Retry-After': '10' } });
    expect(states).toEqual(['open']);
  });

  it('a success in between resets the count; invalid_grant proves the provider is up', async () => {
    const { breaker } = setup();
    await breaker.run(down).catch(() => undefined);
    await breaker.run(down).catch(() => undefined);
    await breaker.run(up);
    await breaker.run(down).catch(() => undefined);
    await breaker.run(down).catch(() => undefined);
    await breaker.run(() => Promise.reject(new UpstreamError('invalid_grant', 'p', 'no'))).catch(() => undefined);
    await breaker.run(down).catch(() => undefined);
    expect(breaker.state).toBe('closed');
  });

  it('half-opens after the cool-down with a single trial; success closes it', async () => {
    const { breaker, states, advance } = setup();
    for (let i = 0; i < 3; i++) await breaker.run(down).catch(() => undefined);
    advance(4_000);
    await expect(breaker.run(up)).rejects.toMatchObject({ retryAfterSeconds: 6 });
    advance(6_000);
    let release!: () => void;
    const trial = breaker.run(() => new Promise<string>((resolve) => (release = () => resolve('ok'))));
    expect(breaker.state).toBe('half_open');
    // While the trial is out, others still get the fast 503.
    await expect(breaker.run(up)).rejects.toMatchObject({ failure: 'unavailable' });
    release();
    await expect(trial).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(states).toEqual(['open', 'half_open', 'closed']);
  });

  it('a failed trial opens it again for a full cool-down', async () => {
    const { breaker, advance } = setup(2, 5_000);
    for (let i = 0; i < 2; i++) await breaker.run(down).catch(() => undefined);
    advance(5_000);
    await breaker.run(down).catch(() => undefined);
    expect(breaker.state).toBe('open');
    await expect(breaker.run(up)).rejects.toMatchObject({ retryAfterSeconds: 5 });
  });

  it('answers can count as failures (e.g. a relayed 5xx)', async () => {
    const { breaker } = setup(2);
    await breaker.run(() => Promise.resolve(502), (status) => status >= 500);
    await breaker.run(() => Promise.resolve(503), (status) => status >= 500);
    expect(breaker.state).toBe('open');
  });

  it('CircuitBreakers keeps one breaker per provider and reports state changes', async () => {
    const seen: string[] = [];
    const breakers = new CircuitBreakers({ failureThreshold: 1, cooldownMs: 1_000 }, (p, s) => seen.push(`${p}:${s}`));
    expect(breakers.forProvider('a')).toBe(breakers.forProvider('a'));
    await breakers.forProvider('a').run(down).catch(() => undefined);
    expect(breakers.forProvider('b').state).toBe('closed');
    expect(seen).toEqual(['a:closed', 'a:open', 'b:closed']);
  });
});
