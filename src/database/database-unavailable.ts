/**
 * Recognises "the database is not reachable right now" among the errors the driver
 * raises, so the problem filter can answer 503 dependency_unavailable (database)
 * instead of 500, on every route that touches Postgres, without each route knowing.
 *
 * - Network errors from connecting or talking to the server (pg raises the socket's
 *   own error, e.g. `connect ECONNREFUSED`). Redis and upstream HTTP failures never
 *   reach the filter raw (the session store and the upstream client map their own),
 *   so a raw socket error there is the database's.
 * - pg's own messages when a connection breaks or cannot be obtained in time.
 * - SQLSTATE class 08 (connection exception), 57P01-57P03 (server shutting down,
 *   crashed, or starting up) and 53300 (too many connections): the server answered
 *   but cannot serve us now. TypeORM copies the SQLSTATE onto QueryFailedError.
 */
const SOCKET_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const PG_CONNECTION_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/;
const MAX_CAUSES = 4;

interface DriverishError {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

function looksUnavailable(error: DriverishError): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  if (SOCKET_ERRNO.has(code) || UNAVAILABLE_SQLSTATE.test(code)) return true;
  return typeof error.message === 'string' && PG_CONNECTION_MESSAGE.test(error.message);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSES && current && typeof current === 'object'; depth++) {
    const candidate = current as DriverishError;
    if (looksUnavailable(candidate)) return true;
    current = candidate.driverError ?? candidate.cause;
  }
  return false;
}
