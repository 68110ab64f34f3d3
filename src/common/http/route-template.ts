import type { Request } from 'express';

// Nest mounts module middleware and its not-found handler on catch-all routes;
// when one of those is the last route Express matched, no controller did.
const CATCH_ALL = /(^|\/)(\{\/?\*\w+\}|\*\w*)$/;

/** The matched route template (`/v1/auth/:provider/login`), or undefined when none matched. */
export function routeTemplate(req: Request): string | undefined {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string' || CATCH_ALL.test(path)) return undefined;
  return `${req.baseUrl}${path}`;
}
