import type { FuzzCase } from './fuzz-cases.js';
import type { WireResponse } from './raw-http.js';

/** What Node's HTTP server answers itself, before any app code runs (no X-Request-Id, empty body): parser refusals, 417 for an unknown Expect. */
const NODE_PARSER_STATUSES = new Set([400, 413, 414, 417, 431]);
// A stack frame, a file of ours or a dependency, or a driver/database message.
const LEAK = /\n\s+at |node_modules|\/src\/|\.ts:\d+|\.js:\d+|\bECONN[A-Z]+|QueryFailedError|\bSELECT\b|\bINSERT INTO\b|\bUPDATE\s+"?\w+"?\s+SET\b/;
const STABLE_CODE = /^[a-z][a-z0-9_]{1,63}$/;

export interface CheckContext {
  /** Relayed calls may pass the upstream's own 4xx body through (not ours to shape). */
  relayed: boolean;
  /** Session values, client secrets: none may appear in any answer. */
  secrets: string[];
}

/** Every way `res` breaks the fuzz contract; empty when it is fine. */
export function violations(fuzz: FuzzCase, res: WireResponse, context: CheckContext): string[] {
  const found: string[] = [];
  const text = res.body.toString('utf8');
  // No allowlist, not even 502/503/504: the sandbox and every dependency are up, so any 5xx is ours.
  if (res.status >= 500) found.push(`status ${res.status}: ${text.slice(0, 200)}`);
  for (const secret of context.secrets) if (secret && text.includes(secret)) found.push('a secret appears in the body');
  if (LEAK.test(text)) found.push(`internals leak: ${LEAK.exec(text)?.[0]}`);
  const appAnswered = res.headers['x-request-id'] !== undefined;
  if (!appAnswered) {
    if (!NODE_PARSER_STATUSES.has(res.status)) found.push(`status ${res.status} without X-Request-Id (not from the app, not a parser refusal)`);
    return found;
  }
  if (res.status < 400 || fuzz.method === 'HEAD') return found;
  const contentType = res.headers['content-type'] ?? '';
  if (!contentType.startsWith('application/problem+json')) {
    if (!context.relayed) found.push(`${res.status} with Content-Type ${JSON.stringify(contentType)}`);
    return found;
  }
  let problem: { status?: unknown; code?: unknown };
  try {
    problem = JSON.parse(text) as typeof problem;
  } catch {
    found.push(`${res.status} problem body is not JSON`);
    return found;
  }
  if (typeof problem.code !== 'string' || !STABLE_CODE.test(problem.code)) found.push(`problem code ${JSON.stringify(problem.code)} is not a stable code`);
  if (problem.code === 'internal_error') found.push('internal_error code on a 4xx');
  if (problem.status !== res.status) found.push(`problem status ${String(problem.status)} differs from HTTP ${res.status}`);
  return found;
}
