import { register } from 'node:module';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { TelemetryConfig } from '../config/telemetry.schema.js';
import { markTracingOn } from './tracing-switch.js';
import { markIfPropagating, ProviderGatedPropagator } from './upstream-propagation.js';

function samplerOf(config: TelemetryConfig): Sampler {
  const ratio = new TraceIdRatioBasedSampler(config.samplerRatio);
  switch (config.sampler) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return ratio;
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

/**
 * Starts the OpenTelemetry SDK: spans for inbound HTTP and Express routes, upstream
 * calls (undici), Redis (ioredis, statements without values) and Postgres (pg,
 * statements without parameters), exported in batches. Must run before the app's
 * modules load (see preload.ts): instrumentations patch modules as they load.
 * Returns a function that sends the spans still buffered.
 */
export function startTracing(config: TelemetryConfig): () => Promise<void> {
  // Modules the app imports as ES modules are only patchable through the loader hook.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const exporter: SpanExporter = config.exporter === 'console' ? new ConsoleSpanExporter() : new OTLPTraceExporter({ url: config.otlpTracesUrl });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    sampler: samplerOf(config),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register({ propagator: new ProviderGatedPropagator() });
  registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({
        // Probes every few seconds would drown the traces that matter.
        ignoreIncomingRequestHook: (req) => (req.url ?? '').startsWith('/health') || req.url === '/metrics',
        // Upstream calls are undici's; Node's http client is only used by tests and tools.
        disableOutgoingRequestInstrumentation: true,
      }),
      new ExpressInstrumentation(),
      new UndiciInstrumentation({ requestHook: markIfPropagating }),
      new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  markTracingOn();
  return () => provider.forceFlush();
}
