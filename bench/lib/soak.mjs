import autocannon from 'autocannon';
import { Browser } from './browser.mjs';
import { memory } from './proc.mjs';
import { counters } from './storm.mjs';

const USERS = [
  { username: 'alice', password: 'alice-password' },
  { username: 'bob', password: 'bob-password' },
];

async function setLifetime(sandboxUrl, seconds) {
  await fetch(`${sandboxUrl}/_control/lifetimes/bluejeans`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accessTokenSeconds: seconds }) });
}

/**
 * The soak row: relayed calls for `seconds` at moderate concurrency, spread over every
 * instance and two users, while BlueJeans access tokens expire every `tokenSeconds`.
 * Reports errors, upstream refreshes against the number due (one per user each
 * `tokenSeconds - skew`, fleet-wide), and each instance's RSS at the start and end.
 */
export async function soak({ sandboxUrl, bffs, seconds, connections, tokenSeconds, skewSeconds }) {
  await setLifetime(sandboxUrl, tokenSeconds);
  const sessions = [];
  for (const user of USERS) {
    const browser = new Browser();
    await browser.login(`${bffs[0].url}/v1/auth/bluejeans/login?returnTo=/`, user);
    const me = await (await browser.request(`${bffs[0].url}/v1/auth/me`)).json();
    sessions.push({ cookie: browser.cookieHeader(), subject: me.linkedAccounts.find((a) => a.provider === 'bluejeans').subject });
  }
  const rssStart = bffs.map((b) => memory(b.child.pid).rssMiB);
  const refreshesBefore = await counters(sandboxUrl);
  const runs = bffs.flatMap((bff) =>
    sessions.map((s) =>
      autocannon({
        url: `${bff.url}/v1/api/bluejeans/v1/user/${s.subject}/scheduled_meeting`,
        headers: { cookie: s.cookie },
        connections: Math.max(1, Math.round(connections / (bffs.length * sessions.length))),
        duration: seconds,
      }),
    ),
  );
  const results = await Promise.all(runs);
  const refreshes = (await counters(sandboxUrl)) - refreshesBefore;
  const rssEnd = bffs.map((b) => memory(b.child.pid).rssMiB);
  const requests = results.reduce((n, r) => n + r.requests.total, 0);
  const round = (n) => Math.round(n * 10) / 10;
  return {
    seconds,
    connections,
    instances: bffs.length,
    users: sessions.length,
    tokenSeconds,
    requests,
    requestsPerSec: Math.round(requests / seconds),
    errors: results.reduce((n, r) => n + r.non2xx + r.errors + r.timeouts, 0),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    upstreamRefreshes: refreshes,
    // A token is refreshed once it is within the skew of expiring: per user, about every (lifetime - skew) seconds.
    expectedRefreshes: sessions.length * Math.floor(seconds / Math.max(1, tokenSeconds - skewSeconds)),
    rssStartMiB: rssStart.map(round),
    rssEndMiB: rssEnd.map(round),
  };
}
