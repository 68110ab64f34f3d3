import type { FuzzCase } from './fuzz-cases.js';

const ECHO = '/v1/api/calcom/_control/echo';

/** Request targets aimed at the relay's raw edge handler (src/relay/relay-edge.ts): traversal, odd encodings, long paths. */
export const RELAY_TARGETS = [
  `${ECHO}/../echo`,
  '/v1/api/calcom/../../v1/auth/me',
  '/v1/api/calcom/%2e%2e/%2e%2e/v1/auth/me',
  '/v1/api/calcom/%2E%2E%2F%2E%2E%2Fv1%2Fauth%2Fme',
  '/v1/api/calcom/_control%2fecho',
  `${ECHO}%00`,
  '/v1/api/calcom/%00',
  '/v1/api/calcom/%00/../_control/echo',
  `${ECHO}%`,
  `${ECHO}%ZZ`,
  `${ECHO}/%E0%A4%A`,
  `${ECHO}/%C0%AE%C0%AE/`,
  `${ECHO}/%F0%9F%98%80`,
  `${ECHO}/%EF%BF%BF%ED%A0%80`,
  `${ECHO}/%0D%0AX-Injected:%201`,
  '/v1/api/%ZZ/x',
  '/v1/api/%00/x',
  '/v1/api/cal%63om/_control/echo',
  '/v1/api/CALCOM/_control/echo',
  '/V1/API/calcom/_control/echo',
  '/v1/api/calcom//_control/echo',
  '/v1/api/calcom/./_control/./echo',
  '/v1/api/calcom/\\..\\_control/echo',
  `${ECHO};jsessionid=1`,
  `${ECHO}?%ZZ=%ZZ&%00=%00`,
  `${ECHO}?a=1&a=2&a[]=3&a[b]=4`,
  `${ECHO}?${'q'.repeat(15_000)}`,
  `/v1/api/calcom/${'a/'.repeat(3_000)}`,
  `/v1/api/calcom/${'a'.repeat(15_000)}`,
  `/v1/api/calcom/${'a'.repeat(100_000)}`,
  `/v1/api/${'p'.repeat(5_000)}/x`,
  `${ECHO}/ä€`,
  '/v1/api/calcom',
  '/v1/api/calcom/',
  '/v1/api/',
  '/v1/api',
  '/v1/api/calcom/?',
  '/v1/api/calcom/#x',
];

/** Framing and request-line oddities, for the relay edge and the Express routes alike. */
export function framingCases(): FuzzCase[] {
  const json = Buffer.from('{"a":1}');
  const cases: FuzzCase[] = [];
  const add = (label: string, method: string, target: string, headers: [string, string][] = [], body?: Buffer) => cases.push({ cls: 'large-header', label: `${label} (${method} ${target.slice(0, 40)})`, method, target, headers, body });
  for (const target of [ECHO, '/v1/auth/native/token']) {
    add('Expect: 100-continue', 'POST', target, [['Content-Type', 'application/json'], ['Expect', '100-continue']], json);
    add('unknown Expect', 'POST', target, [['Content-Type', 'application/json'], ['Expect', 'x-fuzz']], json);
    add('chunked body', 'POST', target, [['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']], Buffer.from('7\r\n{"a":1}\r\n0\r\n\r\n'));
    add('chunked with an extension and a trailer', 'POST', target, [['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']], Buffer.from('7;x=y\r\n{"a":1}\r\n0\r\nX-Trailer: 1\r\n\r\n'));
    add('Transfer-Encoding gzip, chunked', 'POST', target, [['Content-Type', 'application/json'], ['Transfer-Encoding', 'gzip, chunked']], Buffer.from('7\r\n{"a":1}\r\n0\r\n\r\n'));
    add('Content-Length not a number', 'POST', target, [['Content-Type', 'application/json'], ['Content-Length', 'abc']], json);
    add('Content-Length negative', 'POST', target, [['Content-Type', 'application/json'], ['Content-Length', '-1']], json);
    add('Content-Length and Transfer-Encoding', 'POST', target, [['Content-Type', 'application/json'], ['Content-Length', '7'], ['Transfer-Encoding', 'chunked']], Buffer.from('7\r\n{"a":1}\r\n0\r\n\r\n'));
    add('Content-Length 1 GB, nothing sent', 'POST', target, [['Content-Type', 'application/json'], ['Content-Length', '1073741824']], Buffer.alloc(0));
    add('absolute-form target', 'GET', `http://127.0.0.1${target}`);
    add('lower-case method', 'get', target);
    add('unknown method', 'PROPFIND', target);
    add('OPTIONS preflight with odd request headers', 'OPTIONS', target, [['Origin', 'null'], ['Access-Control-Request-Method', 'DELETE\u0001'], ['Access-Control-Request-Headers', 'x'.repeat(8_000)]]);
    add('TRACE', 'TRACE', target);
    add('X-HTTP-Method-Override', 'POST', target, [['X-HTTP-Method-Override', 'DELETE'], ['Content-Type', 'application/json']], json);
  }
  add('asterisk-form target', 'OPTIONS', '*');
  add('target without a leading slash', 'GET', 'v1/auth/me');
  add('HTTP/1.0 style empty Host', 'GET', '/v1/auth/me', [['Host', '']]);
  return cases;
}
