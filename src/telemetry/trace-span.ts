import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { isTracingOn } from './tracing-switch.js';

const tracer = () => trace.getTracer('oauth-bff');

/**
 * Runs `work` inside a span named `name` when tracing is on; otherwise just runs it
 * (the span argument is then undefined). Failures are recorded on the span by
 * their class name only: messages may describe upstream answers.
 */
export function withSpan<T>(name: string, attributes: Attributes, work: (span?: Span) => Promise<T>): Promise<T> {
  if (!isTracingOn()) return work(undefined);
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
