/**
 * Whether tracing was started in this process. Everything on a request path checks
 * this one boolean first, so with tracing off no span, context or attribute work
 * happens at all (and the SDK is never even loaded: see preload.ts).
 */
let on = false;

export function isTracingOn(): boolean {
  return on;
}

export function markTracingOn(): void {
  on = true;
}
