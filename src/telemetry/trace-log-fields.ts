import { trace } from '@opentelemetry/api';

/** pino mixin: the active trace and span ids on every log line (installed only when tracing is on). */
export function traceLogFields(): Record<string, string> {
  const context = trace.getActiveSpan()?.spanContext();
  return context ? { traceId: context.traceId, spanId: context.spanId } : {};
}
