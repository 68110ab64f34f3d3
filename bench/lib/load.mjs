import autocannon from 'autocannon';
import { cpuSeconds, memory } from './proc.mjs';

/**
 * Runs autocannon against one URL and reads the target process's CPU and memory
 * around the run, so each contender is measured the same way in the same run.
 */
export async function measure({ url, headers = {}, pid, connections = 32, duration, amount }) {
  const cpuBefore = pid ? cpuSeconds(pid) : 0;
  const bound = amount ? { amount } : { duration };
  const result = await autocannon({ url, headers, connections, pipelining: 1, ...bound });
  const cpu = pid ? cpuSeconds(pid) - cpuBefore : 0;
  const requests = result.requests.total;
  return {
    requestsPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpuMsPerRequest: pid && requests ? Number(((cpu * 1000) / requests).toFixed(4)) : null,
    ...(pid ? memory(pid) : {}),
  };
}
