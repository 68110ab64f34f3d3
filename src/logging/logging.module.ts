import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { requestIdFromHeaders } from '../common/http/request-id.js';
import { redactDeep, redactUrl } from './redact.js';
import { traceLogFields } from '../telemetry/trace-log-fields.js';

type Req = IncomingMessage & { id?: string; originalUrl?: string };

/** Structured JSON logs with a request id on every line and credentials masked. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.log.level,
          transport: config.log.pretty ? { target: 'pino-pretty' } : undefined,
          // assignRequestId (first middleware) already chose the id and set the header.
          genReqId: (req: Req) => req.id ?? requestIdFromHeaders(req.headers['x-request-id']),
          customProps: (req: Req) => ({ requestId: req.id }),
          // Health probes every few seconds would drown everything else.
          autoLogging: { ignore: (req: Req) => (req.url ?? '').startsWith('/health') },
          serializers: {
            req: (req: Req) => ({ id: req.id, method: req.method, url: redactUrl(req.originalUrl ?? req.url ?? '') }),
            res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
          },
          formatters: { log: (object: Record<string, unknown>) => redactDeep(object) as Record<string, unknown> },
          // Trace and span ids on every line, only when tracing runs (no per-line work otherwise).
          ...(config.telemetry.tracesEnabled ? { mixin: traceLogFields } : {}),
        },
      }),
    }),
  ],
})
export class LoggingModule {}
