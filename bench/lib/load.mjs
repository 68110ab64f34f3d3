import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { cpuSeconds, memory } from './proc.mjs';

/**
 * Runs autocannon against one URL and reads the target process's CPU and memory
 * around the run, so each contender is measured the same way in the same run.
 * `cookies` (optional): one Cookie header per simulated user, sent round-robin so
 * consecutive requests come from different users. `rate`: requests/s over all
 * connections (open loop at a fixed rate) instead of as fast as possible.
 */
export async function measure({ url, headers = {}, cookies, pid, connections = 32, duration, amount, rate }) {
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const bound = amount ? { amount } : { duration };
  let next = 0;
  const requests = cookies ? [{ setupRequest: (req) => ({ ...req, headers: { ...req.headers, cookie: cookies[next++ % cookies.length] } }) }] : undefined;
  const result = await autocannon({ url, headers, connections, pipelining: 1, ...bound, ...(rate ? { overallRate: rate } : {}), ...(requests ? { requests } : {}) });
  const cpu = pid ? cpuSeconds(pid) - cpuBefore : 0;
  const total = result.requests.total;
  return {
    requestsPerSec: Math.round(total / (result.duration || duration || 1)),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest: pid && total ? Number(((cpu * 1000) / total).toFixed(4)) : null,
    ...(pid ? memory(pid) : {}),
  };
}

/** Load without measuring: lets a contender's JIT, pools and heap reach their working state first. */
export async function warmUp(opts, seconds) {
  if (seconds > 0) await measure({ ...opts, pid: undefined, duration: seconds, amount: undefined });
}

/**
 * A closed-loop client independent of autocannon: `workers` loops, each sending its
 * next request only when the previous answer is complete, over keep-alive sockets.
 * It cross-checks autocannon's latency figures (which an open-loop artefact such as
 * reconnecting with a stale queue can distort).
 */
export async function closedLoop({ url, headers = {}, cookies, workers = 16, seconds }) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  const latencies = [];
  let failures = 0;
  let next = 0;
  const deadline = performance.now() + seconds * 1000;
  const once = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const h = cookies ? { ...headers, cookie: cookies[next++ % cookies.length] } : headers;
      const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, headers: h, agent }, (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) failures++;
          latencies.push(performance.now() - started);
          resolve();
        });
      });
      req.on('error', () => {
        failures++;
        resolve();
      });
      req.end();
    });
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < deadline) await once();
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] * 100) / 100;
  return { workers, requestsPerSec: Math.round(latencies.length / seconds), p50Ms: at(0.5), p99Ms: at(0.99), failures };
}

/**
 * About `amount` requests, in 5-second runs, but never longer than `capSeconds`: a
 * slow contender on a loaded machine must not stretch the bench to an hour.
 * Returns the requests sent, failures and the target's CPU per request.
 */
export async function measureUpTo({ amount, capSeconds, pid, ...opts }) {
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const started = performance.now();
  let requests = 0;
  let failures = 0;
  while (requests < amount && performance.now() - started < capSeconds * 1000) {
    const run = await measure({ ...opts, duration: 5 });
    requests += run.requests;
    failures += run.non2xx + run.errors;
  }
  const cpu = pid ? cpuSeconds(pid) - cpuBefore : 0;
  return { requests, failures, seconds: Math.round((performance.now() - started) / 1000), cpuMsPerRequest: pid && requests ? Number(((cpu * 1000) / requests).toFixed(4)) : null, ...(pid ? memory(pid) : {}) };
}
