import { trace, type Context, type Span, type TextMapPropagator, type TextMapSetter, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * W3C `traceparent` goes upstream only to providers whose providers-file entry says
 * `propagateTraceContext: true`: a trace id is an identifier we should not hand to
 * third parties that did not ask for it. The undici instrumentation's request hook
 * marks each outgoing request's span when its origin is allowed; inject then only
 * writes headers for marked spans. Incoming `traceparent` is always read.
 */
const allowedOrigins = new Set<string>();
const propagatingSpans = new WeakSet<Span>();

export function allowPropagationTo(origins: Iterable<string>): void {
  allowedOrigins.clear();
  for (const origin of origins) allowedOrigins.add(origin);
}

/** For the undici instrumentation's `requestHook`. */
export function markIfPropagating(span: Span, request: { origin?: string | URL }): void {
  if (request.origin !== undefined && allowedOrigins.has(new URL(String(request.origin)).origin)) propagatingSpans.add(span);
}

export class ProviderGatedPropagator implements TextMapPropagator {
  private readonly w3c = new W3CTraceContextPropagator();

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const span = trace.getSpan(context);
    if (span && propagatingSpans.has(span)) this.w3c.inject(context, carrier, setter);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    return this.w3c.extract(context, carrier, getter);
  }

  fields(): string[] {
    return this.w3c.fields();
  }
}
