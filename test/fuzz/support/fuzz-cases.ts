import type { Bombs } from './bombs.js';
import type { Operation } from './openapi-operations.js';

export const FUZZ_CLASSES = ['baseline', 'wrong-type', 'long-string', 'nul-crlf', 'deep-json', 'content-type', 'compression', 'duplicate-param', 'large-header'] as const;
export type FuzzClass = (typeof FUZZ_CLASSES)[number];

export interface FuzzCase {
  cls: FuzzClass;
  label: string;
  method: string;
  target: string;
  headers: [string, string][];
  body?: Buffer;
}

/** Plausible path parameter values, chosen by the caller (which provider a route family talks to, which ids exist). */
export type PathValues = (op: Operation, name: string) => string;

/** Where the spec's examples alone do not make a valid request: a body that passes validation, optional query parameters to leave out. */
export interface Baseline {
  body?: unknown;
  omitQuery?: string[];
}

const LONG = 100_000;
const JSON_TYPE = 'application/json';

/** mulberry32: a tiny seeded PRNG, so every run sends exactly the same requests. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Values of the wrong type or shape for a parameter (sent as text in a URL or header). */
const WRONG_PARAMS = ['', ' ', '-1', '0', '1.5', '1e309', 'NaN', 'true', 'null', '[]', '{}', '..', '../../etc/passwd', '\u{1F600}', 'ä', "'; DROP TABLE users;--", '__proto__', 'constructor'];
/** Percent-encodings sent verbatim: invalid, truncated, NUL, CR/LF, overlong UTF-8. */
const RAW_ENCODINGS = ['%', '%ZZ', '%E0%A4%A', '%00', '%0D%0AX-Injected:%201', '%C0%AE%C0%AE', '%2e%2e%2f%2e%2e'];
/** Values of the wrong type for a JSON field. */
const WRONG_JSON: unknown[] = [null, true, 0, -1, 1.5, 1e308, 2 ** 53 + 1, '', 'x', [], [null], {}, { __proto__: null, polluted: 1 }, JSON.parse('{"__proto__":{"polluted":1}}'), '\u0000'];
/** Whole bodies that are valid JSON but not an object. */
const WRONG_ROOTS = ['[]', '"x"', '1', 'null', 'true', '[{}]', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'];

/** A random string of printable and unprintable code points, from the seeded generator. */
function noise(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    const pick = random();
    out += pick < 0.1 ? String.fromCharCode(Math.floor(random() * 32)) : pick < 0.2 ? String.fromCodePoint(0x80 + Math.floor(random() * 0x2000)) : String.fromCharCode(32 + Math.floor(random() * 95));
  }
  return out;
}

/** `count` items of `list`, chosen by the seeded generator (each parameter meets a different sample; the run as a whole, all). */
function sample<T>(list: readonly T[], count: number, random: () => number): T[] {
  const pool = [...list];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

interface Request {
  path: Record<string, string>;
  query: [string, string][];
  headerParams: [string, string][];
  body?: { contentType: string; raw: string | Buffer };
}

/** Paths to every leaf of a plausible JSON value (depth ≤ 3), so each field can be replaced. */
function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (prefix.length >= 3 || value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  const own = prefix.length ? [prefix] : [];
  return [...own, ...entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k]))];
}

function replaced(value: unknown, at: (string | number)[], next: unknown): unknown {
  if (!at.length) return next;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[at[0]] = replaced(copy[at[0]], at.slice(1), next);
  return copy;
}

function encodeBody(contentType: string, value: unknown): string {
  if (contentType === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(Object.entries(value as Record<string, unknown>).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)])).toString();
  }
  return JSON.stringify(value);
}

/**
 * Every request the fuzz run sends to one operation: a plausible baseline, then each
 * fuzz class applied to each parameter, each body field and the framing (content type,
 * encoding, headers). Deterministic for a given seed.
 */
export function casesFor(op: Operation, pathValues: PathValues, bombs: Bombs, seed: number, baseline: Baseline = {}): FuzzCase[] {
  const random = seeded(seed);
  const plausibleValue = (p: Operation['parameters'][number]): string => {
    if (p.in === 'path') return pathValues(op, p.name);
    const s = p.schema;
    const v = s.example ?? (Array.isArray(s.enum) ? s.enum[0] : undefined) ?? s.default ?? (s.type === 'integer' || s.type === 'number' ? (s.minimum ?? 1) : s.type === 'boolean' ? true : s.format === 'uuid' ? '00000000-0000-4000-8000-000000000001' : 'x');
    return String(v);
  };
  const base: Request = {
    path: Object.fromEntries(op.parameters.filter((p) => p.in === 'path').map((p) => [p.name, plausibleValue(p)])),
    query: op.parameters.filter((p) => p.in === 'query' && !baseline.omitQuery?.includes(p.name)).map((p) => [p.name, plausibleValue(p)]),
    headerParams: op.parameters.filter((p) => p.in === 'header').map((p) => [p.name, plausibleValue(p)]),
    body: op.body ? { contentType: op.body.contentType, raw: encodeBody(op.body.contentType, baseline.body ?? op.body.value) } : undefined,
  };
  const bodyValue = baseline.body ?? op.body?.value;
  const bodyType = op.body?.contentType ?? JSON_TYPE;
  const sampleBody = op.body ? encodeBody(bodyType, bodyValue) : bodyType === JSON_TYPE ? '{"a":1}' : 'a=1';
  const cases: FuzzCase[] = [];
  const add = (cls: FuzzClass, label: string, req: Request, extraHeaders: [string, string][] = [], rawQuery?: string) => {
    // A path value is encoded unless it is one of the verbatim encodings; the relay's `path` keeps its slashes.
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = req.path[name];
      return RAW_ENCODINGS.includes(v) || name === 'path' ? v : encodeURIComponent(v);
    });
    const query = rawQuery ?? req.query.map(([k, v]) => `${encodeURIComponent(k)}=${RAW_ENCODINGS.includes(v) ? v : encodeURIComponent(v)}`).join('&');
    const headers: [string, string][] = [...req.headerParams, ...extraHeaders];
    if (req.body) headers.push(['Content-Type', req.body.contentType]);
    cases.push({ cls, label, method: op.method, target: query ? `${path}?${query}` : path, headers, body: req.body ? Buffer.from(req.body.raw) : undefined });
  };
  const withParam = (p: Operation['parameters'][number], value: string): Request => {
    if (p.in === 'path') return { ...base, path: { ...base.path, [p.name]: value } };
    if (p.in === 'query') return { ...base, query: [...base.query.filter(([k]) => k !== p.name), [p.name, value]] };
    return { ...base, headerParams: base.headerParams.map(([k, v]) => [k, k === p.name ? value : v]) };
  };
  const withBody = (raw: string | Buffer, contentType = bodyType): Request => ({ ...base, body: { contentType, raw } });
  const fields = op.body ? leafPaths(bodyValue) : [];

  add('baseline', 'plausible request', base);

  // Wrong types: every parameter, every body field, the body's root.
  for (const p of op.parameters) {
    for (const value of [...sample(WRONG_PARAMS, 8, random), ...RAW_ENCODINGS.slice(0, 3)]) {
      // A header parameter cannot carry a raw line break or an empty name; those are the framing cases below.
      if (p.in === 'header' && /[\r\n]/.test(value)) continue;
      add('wrong-type', `${p.in} ${p.name}=${JSON.stringify(value)}`, withParam(p, p.in === 'header' ? encodeURIComponent(value) : value));
    }
    if (p.in === 'query') add('wrong-type', `query ${p.name} as an object`, base, [], base.query.map(([k, v]) => (k === p.name ? `${k}[a]=1&${k}[b][c]=2` : `${k}=${encodeURIComponent(v)}`)).join('&'));
  }
  for (const at of fields) for (const value of sample(WRONG_JSON, 7, random)) add('wrong-type', `body ${at.join('.')}=${JSON.stringify(value)}`, withBody(encodeBody(bodyType, replaced(bodyValue, at, value))));
  for (const root of WRONG_ROOTS) add('wrong-type', `body root ${root}`, withBody(root, JSON_TYPE));

  // 100 KB strings: every parameter (a 100 KB URL is Node's 431), every body field, and random noise.
  for (const p of op.parameters) add('long-string', `${p.in} ${p.name} of ${LONG} chars`, withParam(p, 'A'.repeat(p.in === 'header' ? 8_000 : LONG)));
  for (const p of op.parameters.filter((x) => x.in !== 'header')) add('long-string', `${p.in} ${p.name} of 8000 chars`, withParam(p, 'B'.repeat(8_000)));
  for (const at of fields) add('long-string', `body ${at.join('.')} of ${LONG} chars`, withBody(encodeBody(bodyType, replaced(bodyValue, at, 'A'.repeat(LONG)))));
  if (op.body) add('long-string', 'body field of 20 KB seeded noise', withBody(encodeBody(bodyType, replaced(bodyValue, fields[0] ?? [], noise(random, 20_000)))));

  // NUL and CR/LF in parameters (percent-encoded, as a client would send them), body strings and headers.
  for (const p of op.parameters) {
    if (p.in === 'header') continue;
    for (const value of ['a\u0000b', 'a\r\nX-Injected: 1', '\r\n\r\nHTTP/1.1 200 OK']) add('nul-crlf', `${p.in} ${p.name}=${JSON.stringify(value)}`, withParam(p, encodeURIComponent(value)));
    add('nul-crlf', `${p.in} ${p.name} raw %00`, withParam(p, '%00'));
    add('nul-crlf', `${p.in} ${p.name} raw %0D%0A`, withParam(p, '%0D%0AX-Injected:%201'));
  }
  for (const at of fields) for (const value of ['a\u0000b', 'a\r\nb', '\u2028\u2029', '\ud800']) add('nul-crlf', `body ${at.join('.')}=${JSON.stringify(value)}`, withBody(encodeBody(bodyType, replaced(bodyValue, at, value))));
  add('nul-crlf', 'raw NUL byte in a body string', withBody(Buffer.from('{"a":"x\u0000y"}', 'latin1'), JSON_TYPE));
  add('nul-crlf', 'NUL in a header value', base, [['X-Fuzz', 'a\u0000b']]);
  add('nul-crlf', 'bare CR in a header value', base, [['X-Fuzz', 'a\rb']]);
  add('nul-crlf', 'bare LF in a header value', base, [['X-Fuzz', 'a\nb']]);
  add('nul-crlf', 'CRLF header injection attempt', base, [['X-Fuzz', 'a\r\nX-Injected: 1']]);
  add('nul-crlf', 'control characters in X-Request-Id', base, [['X-Request-Id', 'id\u0001\u007f\u001b[31m']]);
  add('nul-crlf', 'encoded space and tab in the path', base);
  cases[cases.length - 1].target = `${cases[cases.length - 1].target.split('?')[0]}%20x%09y`;
  add('nul-crlf', 'raw space in the request target', base);
  cases[cases.length - 1].target = `${cases[cases.length - 1].target.split('?')[0]}/a b`;
  add('nul-crlf', 'NUL percent-encoded in the path', base);
  cases[cases.length - 1].target = `${cases[cases.length - 1].target.split('?')[0]}%00`;

  // Deep JSON: 1,500 nested arrays and objects, to JSON routes and the others alike.
  add('deep-json', '1500 nested arrays', withBody(`${'['.repeat(1500)}${']'.repeat(1500)}`, JSON_TYPE));
  add('deep-json', '1500 nested objects', withBody(`${'{"a":'.repeat(1500)}1${'}'.repeat(1500)}`, JSON_TYPE));
  add('deep-json', '1500 nested arrays as a form field', withBody(`a=${'['.repeat(1500)}${']'.repeat(1500)}`, 'application/x-www-form-urlencoded'));
  add('deep-json', '100000 deep unclosed arrays', withBody('['.repeat(100_000), JSON_TYPE));

  // Wrong content types, both ways, and odd parameters on the right one.
  for (const contentType of ['text/plain', 'multipart/form-data; boundary=x', 'application/xml', 'application/x-www-form-urlencoded', 'application/json', 'application/octet-stream', 'application/json; charset=utf-16', 'application/json; charset=bogus', 'application/json; charset=iso-8859-1', 'application/vnd.api+json', 'application/x-www-form-urlencoded; charset=utf-7', '*/*', 'json', '', ';;;']) {
    const body = contentType.startsWith('multipart') ? `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${sampleBody}\r\n--x--\r\n` : contentType === 'application/xml' ? '<a><b>1</b></a>' : sampleBody;
    add('content-type', `body as ${JSON.stringify(contentType)}`, withBody(body, contentType));
  }
  add('content-type', 'body without a Content-Type', { ...base, body: undefined }, [], undefined);
  cases[cases.length - 1].body = Buffer.from(sampleBody);
  add('content-type', 'two Content-Type headers', withBody(sampleBody, JSON_TYPE), [['Content-Type', 'text/plain']]);
  add('content-type', 'form body with a parameter pollution pattern', withBody('a=1&a=2&a[b]=3&__proto__[x]=1', 'application/x-www-form-urlencoded'));

  // Compression bombs and broken encodings: the body limit applies to the inflated size.
  const encoded: [string, Buffer][] = [
    ['gzip', bombs.gzip],
    ['deflate', bombs.deflate],
    ['br', bombs.br],
    ['gzip', bombs.gzipCorruptTail],
    ['gzip', Buffer.from('this is not gzip')],
    ['deflate', Buffer.from([0x78, 0x9c, 0xff, 0xff])],
    ['br', Buffer.from('not brotli at all')],
    ['compress', Buffer.from(sampleBody)],
    ['gzip, br', bombs.br],
    ['identity', Buffer.from(sampleBody)],
    ['x-unknown', Buffer.from(sampleBody)],
  ];
  for (const [encoding, body] of encoded) add('compression', `Content-Encoding ${encoding}, ${body.length} bytes`, withBody(body), [['Content-Encoding', encoding]]);
  add('compression', 'gzip bomb declared as a form', withBody(bombs.gzip, 'application/x-www-form-urlencoded'), [['Content-Encoding', 'gzip']]);

  // Duplicated query parameters.
  for (const p of op.parameters.filter((x) => x.in === 'query')) {
    const value = base.query.find(([k]) => k === p.name)?.[1] ?? plausibleValue(p);
    add('duplicate-param', `${p.name} twice`, base, [], [...base.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`), `${p.name}=${encodeURIComponent(value)}2`].join('&'));
    add('duplicate-param', `${p.name} as ${p.name}[]`, base, [], `${p.name}[]=1&${p.name}[]=2`);
  }
  add('duplicate-param', 'unknown parameter twice', base, [], [...base.query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`), 'fuzz=1', 'fuzz=2'].join('&'));
  add('duplicate-param', '1000 parameters', base, [], Array.from({ length: 1000 }, (_, i) => `p${i % 10}=${i}`).join('&'));

  // Headers: 64 KB (Node answers 431 before the app runs), many headers, odd framing.
  add('large-header', 'one 64 KB header', base, [['X-Fuzz', 'h'.repeat(64 * 1024)]]);
  add('large-header', '15 KB cookie header', base, [['Cookie', `a=${'c'.repeat(15_000)}`]]);
  add('large-header', '10 KB bearer token', base, [['Authorization', `Bearer ${'t'.repeat(10_000)}`]]);
  add('large-header', '150 headers of 90 bytes', base, Array.from({ length: 150 }, (_, i) => [`X-F${i}`, 'v'.repeat(90)] as [string, string]));
  add('large-header', 'duplicate Authorization', base, [['Authorization', 'Bearer a'], ['Authorization', 'Bearer b']]);
  add('large-header', 'duplicate X-Request-Id', base, [['X-Request-Id', 'a'], ['X-Request-Id', 'b']]);
  add('large-header', 'conflicting Content-Length', withBody(sampleBody), [['Content-Length', '1'], ['Content-Length', '2']]);
  add('large-header', 'chunked body with a bad chunk size', withBody('zz\r\nabc\r\n0\r\n\r\n'), [['Transfer-Encoding', 'chunked']]);
  add('large-header', 'Accept-Language of 4 KB', base, [['Accept-Language', `${'en-US;q=0.9,'.repeat(340)}`]]);
  return cases;
}
