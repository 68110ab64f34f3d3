// Any key that names a credential is masked wherever it appears in a log object.
const SENSITIVE_KEY = /(token|secret|password|passcode|passwd|authorization|cookie|^code$|code_verifier|verifier|assertion|api[-_]?key|session)/i;
export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 6;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** Masks the values of sensitive query parameters so a logged URL carries no credential. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const key of [...params.keys()]) if (isSensitiveKey(key) || key === 'state') params.set(key, REDACTED);
  return `${url.slice(0, q)}?${params.toString()}`;
}

/** Deep copy with sensitive keys masked; Errors keep their message and stack. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[Object]';
  if (value instanceof Error) {
    return { type: value.name, message: value.message, stack: value.stack, ...(redactDeep({ ...value }, depth + 1) as object) };
  }
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  // Class instances (requests, responses, buffers) are left to pino's serializers,
  // which run after this and pick only safe fields.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = isSensitiveKey(key) ? REDACTED : redactDeep(v, depth + 1);
  return out;
}
