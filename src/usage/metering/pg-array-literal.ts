/**
 * Postgres array literals (`{a,b}`) built straight from the flush's columns. node-postgres
 * would convert a JS array element by element (a type check, an escape and a string per
 * element); a metering batch repeats a handful of strings (providers, route templates,
 * methods) hundreds of times, so each distinct string is quoted once and the array is one
 * native `join`.
 */

const QUOTED_CACHE_LIMIT = 10_000;
const quotedCache = new Map<string, string>();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function quoted(value: string): string {
  let q = quotedCache.get(value);
  if (q === undefined) {
    q = `"${value.replace(/["\\]/g, '\\$&')}"`;
    // The cached strings are bounded by configuration (providers, templates), but a cap keeps a surprise bounded too.
    if (quotedCache.size >= QUOTED_CACHE_LIMIT) quotedCache.clear();
    quotedCache.set(value, q);
  }
  return q;
}

/** `{1,2,3}` for an integer or float column. */
export function numberArray(values: ArrayLike<number> & { join(separator: string): string }): string {
  return `{${values.join(',')}}`;
}

/** `{"a","b"}`, every element quoted and escaped. */
export function textArray(values: readonly string[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = quoted(values[i]!);
  return `{${parts.join(',')}}`;
}

/** `{uuid,NULL}`: a value that is not a UUID becomes NULL rather than failing the batch. */
export function uuidArray(values: readonly string[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) parts[i] = UUID.test(values[i]!) ? values[i]! : 'NULL';
  return `{${parts.join(',')}}`;
}
