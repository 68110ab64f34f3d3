// Any key that names a credential is masked wherever it appears in a log object.
// `parameters`: a failed query's bound values (TypeORM's QueryFailedError carries them) can be token ciphertexts.
const SENSITIVE_KEY = /(token|secret|password|passcode|passwd|authorization|cookie|code_verifier|verifier|assertion|api[-_]?key|session|^parameters$)/i;
// `code` is an OAuth authorization code in a callback, but an error's code elsewhere: errno
// (ECONNREFUSED, ERR_..., UND_ERR_...) and SQLSTATE (57P01) codes are kept, anything else masked.
const CODE_KEY = /^code$/i;
const ERROR_CODE = /^([A-Z][A-Z0-9_]{1,47}|[0-9A-Z]{5})$/;
export const REDACTED = '[REDACTED]';
const MAX_DEPTH = 6;

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key) || CODE_KEY.test(key);
}

/** A key whose value must be masked; `code` only when the value is not an error code. */
function masks(key: string, value: unknown): boolean {
  if (SENSITIVE_KEY.test(key)) return true;
  return CODE_KEY.test(key) && !(typeof value === 'number' || (typeof value === 'string' && ERROR_CODE.test(value)));
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
  for (const [key, v] of Object.entries(value)) out[key] = masks(key, v) ? REDACTED : redactDeep(v, depth + 1);
  return out;
}
