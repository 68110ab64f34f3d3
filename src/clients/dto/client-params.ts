import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ParseParamPipe } from './param-pipe.js';

/** Upstream ids (UUIDs, 32-hex BlueJeans ids, RFC 7591 ids): bounded and URL-safe, so nothing odd reaches a path. */
export const UPSTREAM_ID = /^[\w.:~-]{1,128}$/;
export const upstreamIdParam = (name: string) => new ParseParamPipe(name, UPSTREAM_ID);

/** Paging passed through where the provider pages (Genesys `pageSize` / `pageNumber`). */
export class ListClientsQueryDto {
  /** @example 25 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  /** 1-based. @example 1 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  pageNumber?: number;
}

const LANGUAGE_TAG = /^[a-z]{1,8}(?:-[a-z0-9]{1,8})*$/;

/** The first language of an Accept-Language header, lower-cased; `en-us` when absent or malformed. */
export function preferredLanguage(header: string | undefined): string {
  const first = header?.split(',')[0]?.split(';')[0]?.trim().toLowerCase();
  return first && first !== '*' && LANGUAGE_TAG.test(first) ? first : 'en-us';
}
