import type { Request, Response } from 'express';
import { PAGE_CSP } from './html.js';

/** A single string parameter, or undefined for absent, empty, repeated or non-string values. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The first of several spellings of a parameter that is present (camelCase vs snake_case quirks). */
export function pick(source: unknown, ...names: string[]): string | undefined {
  if (!source || typeof source !== 'object') return undefined;
  for (const name of names) {
    const value = str((source as Record<string, unknown>)[name]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The request body as a plain object; parsers leave undefined or a non-object for odd payloads. */
export function bodyOf(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer +([^\s]+) *$/i.exec(req.get('authorization') ?? '');
  return match?.[1];
}

/** Appends parameters to a redirect URI, keeping any query it already has. */
export function withParams(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}

export function sendPage(res: Response, status: number, html: string): void {
  res.status(status).setHeader('Content-Security-Policy', PAGE_CSP);
  res.type('html').send(html);
}

/** Scopes from a delimited string, de-duplicated, empty entries dropped. */
export function splitScopes(raw: string | undefined, separator: RegExp): string[] {
  return [...new Set((raw ?? '').split(separator).map((s) => s.trim()).filter(Boolean))];
}
