import { Logger } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { Logger as TypeOrmLogger } from 'typeorm';

const MAX_QUERY_CHARS = 500;

/** The statement's text only (never its parameters), on one bounded line. */
function statement(query: string): string {
  return query.replace(/\s+/g, ' ').slice(0, MAX_QUERY_CHARS);
}

function reasonOf(error: string | Error): { message: string; code?: unknown } {
  if (typeof error === 'string') return { message: error };
  return { message: error.message, code: (error as { code?: unknown }).code };
}

/**
 * TypeORM's output through the app's JSON logger instead of its console logger, which
 * prints `-- PARAMETERS: [...]` (for linked_accounts writes: token ciphertexts) on raw
 * stdout. Parameters are dropped from every method, not masked: nothing here needs them.
 */
export class TypeOrmJsonLogger implements TypeOrmLogger {
  private readonly logger = new Logger('Database');

  logQuery(query: string): void {
    // TypeORM calls this for every query: skip the statement's cleanup unless debug lines are written.
    const root = PinoLogger.root as { isLevelEnabled?: (level: string) => boolean } | undefined;
    if (root?.isLevelEnabled && !root.isLevelEnabled('debug')) return;
    this.logger.debug({ query: statement(query) }, 'query');
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ query: statement(query), ...reasonOf(error) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ query: statement(query), durationMs: time }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
    else this.logger.log(String(message));
  }
}
