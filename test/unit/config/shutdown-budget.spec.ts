import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '../../../src/config/load-config.js';
import { shutdownTimeline } from '../../../src/config/shutdown-budget.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

/** Item 5: a relayed call accepted just before the listener closes must end before draining cuts it. */
describe('shutdown budget', () => {
  it('the defaults are consistent: the grace period covers the readiness drain and the relay timeout', () => {
    const config = loadConfig({});
    expect(config.http.shutdownReadinessDrainMs).toBe(1_000);
    expect(config.http.shutdownGraceMs).toBeGreaterThanOrEqual(config.http.shutdownReadinessDrainMs + config.relay.timeoutMs + 1_000);
  });

  it('refuses a relay timeout that does not fit in the grace period, naming both variables', () => {
    const problems = problemsOf({ SHUTDOWN_GRACE_MS: '10000', RELAY_TIMEOUT_MS: '15000' });
    expect(problems).toEqual([expect.stringMatching(/^SHUTDOWN_GRACE_MS: .*RELAY_TIMEOUT_MS/)]);
    expect(problemsOf({ SHUTDOWN_GRACE_MS: '10000', RELAY_TIMEOUT_MS: '8001' })).toHaveLength(1);
    expect(problemsOf({ SHUTDOWN_GRACE_MS: '10000', RELAY_TIMEOUT_MS: '8000' })).toEqual([]);
  });

  it('counts a longer readiness drain against the grace period', () => {
    expect(problemsOf({ SHUTDOWN_GRACE_MS: '10000', RELAY_TIMEOUT_MS: '8000', SHUTDOWN_READINESS_DRAIN_MS: '1001' })).toEqual([expect.stringMatching(/SHUTDOWN_READINESS_DRAIN_MS/)]);
    expect(problemsOf({ SHUTDOWN_GRACE_MS: '20000', RELAY_TIMEOUT_MS: '8000', SHUTDOWN_READINESS_DRAIN_MS: '5000' })).toEqual([]);
  });

  it('the timeline stops accepting after the readiness moment and cuts before the exit deadline', () => {
    expect(shutdownTimeline(20_000, 1_000)).toEqual({ stopAcceptingAtMs: 1_000, forceCloseAtMs: 19_000, exitAtMs: 20_000 });
    expect(shutdownTimeline(20_000, 5_000)).toEqual({ stopAcceptingAtMs: 5_000, forceCloseAtMs: 19_000, exitAtMs: 20_000 });
  });
});
