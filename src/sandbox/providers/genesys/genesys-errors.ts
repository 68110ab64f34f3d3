import { randomUUID } from 'node:crypto';
import type { Response } from 'express';

/** One entry of the platform error's `details[]`. */
export interface GenesysErrorDetail {
  errorCode?: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

/** The Genesys Cloud platform error body, every member always present as on the real API. */
export interface GenesysPlatformError {
  message: string;
  code: string;
  status: number;
  messageParams: Record<string, string>;
  contextId: string;
  details: GenesysErrorDetail[];
  errors: GenesysPlatformError[];
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad.request',
  401: 'authentication.required',
  403: 'missing.permissions',
  404: 'not.found',
  429: 'too.many.requests',
  500: 'internal.server.error',
  502: 'bad.gateway',
  503: 'service.unavailable',
  504: 'gateway.timeout',
};

const MESSAGE_BY_STATUS: Record<number, string> = {
  429: 'Rate limit exceeded the maximum. Retry the request in [1] seconds',
  500: 'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  503: 'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).',
};

export function platformError(
  status: number,
  message: string,
  options: { code?: string; details?: GenesysErrorDetail[]; messageParams?: Record<string, string> } = {},
): GenesysPlatformError {
  return {
    message,
    code: options.code ?? CODE_BY_STATUS[status] ?? 'server.error',
    status,
    messageParams: options.messageParams ?? {},
    // Every real error carries a correlation id; support tickets quote it.
    contextId: randomUUID(),
    details: options.details ?? [],
    errors: [],
  };
}

/** Body for a fault injected by the control API on an API-host route. */
export function platformFaultBody(status: number): GenesysPlatformError {
  return platformError(status, MESSAGE_BY_STATUS[status] ?? `Sandbox fault: HTTP ${status}`);
}

export function sendPlatformError(res: Response, error: GenesysPlatformError): void {
  res.status(error.status).json(error);
}

export const notFound = (what: string) => platformError(404, `The requested ${what} was not found.`);

export function missingPermissions(anyOf: readonly string[]): GenesysPlatformError {
  return platformError(403, `Unable to perform the requested action. You are missing the following permission(s): [${anyOf.join(', ')}]`, {
    messageParams: { permissions: anyOf.join(', ') },
  });
}

/** The login host's token error, which repeats the text as `description` and `error_description`. */
export interface GenesysTokenError {
  error: string;
  description: string;
  error_description: string;
}

export function tokenError(error: string, description: string): GenesysTokenError {
  return { error, description, error_description: description };
}

const TOKEN_ERROR_BY_STATUS: Record<number, string> = { 400: 'invalid_request', 401: 'invalid_client', 429: 'rate_limited' };

/** Body for a fault injected on a login-host route. */
export function tokenFaultBody(status: number): GenesysTokenError {
  return tokenError(TOKEN_ERROR_BY_STATUS[status] ?? 'server_error', `Sandbox fault: HTTP ${status}`);
}
