import { measure, warmUp } from './load.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round2 = (n) => Math.round(n * 100) / 100;

/**
 * Interleaved rounds: every round measures every contender once (warm-up first), in
 * an order rotated each round, so drift on a shared machine (other jobs, thermal,
 * GC state) falls on all contenders alike instead of on whoever ran last.
 */
export async function interleavedRounds(contenders, { rounds, duration, warmup, log }) {
  const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const c of order) {
      await warmUp(c.load, warmup);
      const sample = await measure({ ...c.load, pid: c.pid, duration });
      samples[c.name].push(sample);
      log?.(`round ${round + 1}/${rounds} ${c.name}: ${sample.requestsPerSec} req/s, p99 ${sample.p99Ms} ms, ${sample.cpuMsPerRequest} ms CPU/req, ${sample.non2xx + sample.errors} failures`);
    }
  }
  return { samples, summary: Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, summarise(list)])) };
}

export function summarise(list) {
  const rps = list.map((s) => s.requestsPerSec);
  return {
    requestsPerSec: Math.round(median(rps)),
    spread: { min: Math.min(...rps), max: Math.max(...rps) },
    p50Ms: median(list.map((s) => s.p50Ms)),
    p99Ms: median(list.map((s) => s.p99Ms)),
    cpuMsPerRequest: list[0].cpuMsPerRequest === null ? null : Number(median(list.map((s) => s.cpuMsPerRequest)).toFixed(3)),
    peakRssMiB: Math.round(Math.max(...list.map((s) => s.peakRssMiB ?? 0))),
    failures: list.reduce((n, s) => n + s.non2xx + s.errors, 0),
  };
}

const perRoundRatios = (samples, a, b, field) => samples[a].map((s, i) => s[field] / Math.max(samples[b][i][field], 1e-9));

/** The median of the per-round ratios, unrounded: what the goals compare (0.945 is not 0.95). */
export function pairedRatio(samples, a, b, field = 'requestsPerSec') {
  return median(perRoundRatios(samples, a, b, field));
}

/**
 * `paired`: the median of the ratios taken within each round, which the goals read.
 * Each round measures both contenders minutes apart at most (adjacently for the pairs
 * listed next to each other), so a machine that is faster or slower in one round than in
 * another cancels out; a ratio of the two medians can take them from different rounds
 * and carries that drift. `median` (that ratio of medians) and the per-round range stay
 * in the output.
 */
export function ratio(samples, a, b, field = 'requestsPerSec') {
  const perRound = perRoundRatios(samples, a, b, field);
  return {
    paired: round2(median(perRound)),
    median: round2(median(samples[a].map((s) => s[field])) / Math.max(median(samples[b].map((s) => s[field])), 1e-9)),
    perRound: { min: round2(Math.min(...perRound)), max: round2(Math.max(...perRound)) },
  };
}
