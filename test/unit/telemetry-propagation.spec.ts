import { describe, expect, it } from '@jest/globals';
import { ROOT_CONTEXT, defaultTextMapSetter, trace, TraceFlags } from '@opentelemetry/api';
import { allowPropagationTo, markIfPropagating, ProviderGatedPropagator } from '../../src/telemetry/upstream-propagation.js';

const spanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.SAMPLED };

function injected(origin: string): Record<string, string> {
  const span = trace.wrapSpanContext(spanContext);
  markIfPropagating(span, { origin });
  const carrier: Record<string, string> = {};
  new ProviderGatedPropagator().inject(trace.setSpan(ROOT_CONTEXT, span), carrier, defaultTextMapSetter);
  return carrier;
}

describe('traceparent goes upstream only to providers that opt in', () => {
  it('an opted-in origin gets the W3C traceparent of the upstream call', () => {
    allowPropagationTo(['https://api.opted-in.example']);
    expect(injected('https://api.opted-in.example')).toEqual({ traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-01` });
  });

  it('any other origin gets nothing, and neither does one whose provider opted out later', () => {
    allowPropagationTo(['https://api.opted-in.example']);
    expect(injected('https://third-party.example')).toEqual({});
    allowPropagationTo([]);
    expect(injected('https://api.opted-in.example')).toEqual({});
  });

  it('still reads an incoming traceparent', () => {
    const context = new ProviderGatedPropagator().extract(ROOT_CONTEXT, { traceparent: `00-${spanContext.traceId}-${spanContext.spanId}-01` }, { get: (c, k) => (c as Record<string, string>)[k], keys: (c) => Object.keys(c as object) });
    expect(trace.getSpanContext(context)?.traceId).toBe(spanContext.traceId);
  });
});
