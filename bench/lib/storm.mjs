import { Browser } from './browser.mjs';

/** Upstream refreshes the sandbox has answered for BlueJeans so far. */
export async function counters(sandboxUrl) {
  const res = await fetch(`${sandboxUrl}/_control/counters`);
  const body = await res.json();
  const bj = body.bluejeans ?? body.counters?.bluejeans ?? {};
  return Object.values(bj).reduce((sum, kinds) => sum + (kinds.refresh ?? 0), 0);
}

/**
 * 500 concurrent relayed calls with an expired access token, spread over three
 * instances: exactly one upstream refresh is the target, with no failures.
 */
export async function refreshStorm({ sandboxUrl, bffs, calls }) {
  await fetch(`${sandboxUrl}/_control/lifetimes/bluejeans`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessTokenSeconds: 2 }) });
  const browser = new Browser();
  await browser.login(`${bffs[0].url}/v1/auth/bluejeans/login?returnTo=/`, { username: 'bob', password: 'bob-password' });
  const me = await (await browser.request(`${bffs[0].url}/v1/auth/me`)).json();
  const userId = me.linkedAccounts.find((a) => a.provider === 'bluejeans').subject;
  await new Promise((r) => setTimeout(r, 2_500));
  // The stored token is now expired; the one the storm's refresh gets must outlive the storm.
  await fetch(`${sandboxUrl}/_control/lifetimes/bluejeans`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessTokenSeconds: 600 }) });
  const before = await counters(sandboxUrl);
  const cookie = browser.cookieHeader();
  const started = Date.now();
  const latencies = [];
  const outcomes = await Promise.all(
    Array.from({ length: calls }, async (_, i) => {
      const t0 = performance.now();
      const res = await fetch(`${bffs[i % bffs.length].url}/v1/api/bluejeans/v1/user/${userId}/scheduled_meeting`, { headers: { cookie } }).catch(() => undefined);
      latencies.push(performance.now() - t0);
      await res?.arrayBuffer();
      return res?.status ?? 0;
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    calls,
    instances: bffs.length,
    upstreamRefreshes: (await counters(sandboxUrl)) - before,
    failures: outcomes.filter((s) => s !== 200).length,
    statuses: outcomes.reduce((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {}),
    p99Ms: Math.round(latencies[Math.floor(latencies.length * 0.99) - 1]),
    wallMs: Date.now() - started,
  };
}
