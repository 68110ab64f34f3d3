import { ParseParamPipe } from './param-pipe.js';

/** Upstream ids (UUIDs, 32-hex BlueJeans ids, RFC 7591 ids): bounded and URL-safe, so nothing odd reaches a path. */
export const UPSTREAM_ID = /^[\w.:~-]{1,128}$/;
export const upstreamIdParam = (name: string) => new ParseParamPipe(name, UPSTREAM_ID);

const LANGUAGE_TAG = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/;

/** The first language of an Accept-Language header, lower-cased; `en-us` when absent or malformed. */
export function preferredLanguage(header: string | undefined): string {
  const first = header?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first && first !== '*' && LANGUAGE_TAG.test(first) ? first : 'en-us';
}
