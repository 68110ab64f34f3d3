import type { IncomingMessage } from 'node:http';

/** body-parser error `type` for a JSON body nested deeper than JSON_MAX_DEPTH (mapped to 400 json_too_deep). */
export const JSON_TOO_DEEP = 'entity.too.deep';

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The deepest nesting of objects and arrays in a JSON text, counted on the raw bytes
 * (brackets inside strings ignored) and stopping as soon as `limit` is exceeded.
 * Runs before JSON.parse so a hostile body never reaches the recursive code after it
 * (class-transformer, class-validator) that overflows the stack on deep input.
 */
export function exceedsJsonDepth(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}

/** body-parser `verify` hook: aborts parsing of a body nested beyond `limit` with a typed error. */
export function refuseDeepJson(limit: number) {
  return (_req: IncomingMessage, _res: unknown, body: Buffer): void => {
    if (exceedsJsonDepth(body, limit)) throw Object.assign(new Error(`JSON nested deeper than ${limit}`), { type: JSON_TOO_DEEP });
  };
}
