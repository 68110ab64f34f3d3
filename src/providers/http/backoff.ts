/**
 * Exponential backoff with "full jitter" (a random delay in [0, min(cap, base * 2^n)]):
 * callers that failed together do not retry together, which is what makes a
 * struggling upstream recover instead of being hit by synchronized waves.
 */
export function backoffDelay(attempt: number, baseMs = 100, capMs = 2_000, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(capMs, baseMs * 2 ** attempt));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
