/** BENCH_SOAK_* settings: 5 minutes at 16 connections with 30-second access tokens unless told otherwise. */
export function soakSettings() {
  return {
    seconds: Number(process.env.BENCH_SOAK_SECONDS ?? 300),
    connections: Number(process.env.BENCH_SOAK_CONNECTIONS ?? 16),
    tokenSeconds: Number(process.env.BENCH_SOAK_TOKEN_SECONDS ?? 30),
    skewSeconds: Number(process.env.BENCH_SOAK_SKEW_SECONDS ?? 1),
  };
}
