import { z } from 'zod';

// The standard OpenTelemetry variables this service reads (validated like every other
// setting and passed to the SDK explicitly). Tracing is off unless OTEL_TRACES_EXPORTER
// names an exporter: unlike the SDK's own default (otlp), nothing is sent by default.
export const telemetryEnv = {
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  OTEL_TRACES_EXPORTER: z.enum(['none', 'otlp', 'console']).default('none'),
  OTEL_SERVICE_NAME: z.string().min(1).max(100).default('oauth-bff'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_TRACES_SAMPLER: z
    .enum(['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'])
    .default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional().default(1),
};

type TelemetryEnv = z.output<z.ZodObject<typeof telemetryEnv>>;

export interface TelemetryConfig {
  /** False unless an exporter is named and the SDK is not disabled: then no tracing code runs at all. */
  tracesEnabled: boolean;
  exporter: 'otlp' | 'console';
  serviceName: string;
  /** The OTLP/HTTP traces URL (`…/v1/traces`). */
  otlpTracesUrl: string;
  sampler: TelemetryEnv['OTEL_TRACES_SAMPLER'];
  samplerRatio: number;
}

export function telemetryConfig(env: TelemetryEnv): TelemetryConfig {
  const base = (env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://localhost:4318').replace(/\/$/, '');
  return {
    tracesEnabled: !env.OTEL_SDK_DISABLED && env.OTEL_TRACES_EXPORTER !== 'none',
    exporter: env.OTEL_TRACES_EXPORTER === 'console' ? 'console' : 'otlp',
    serviceName: env.OTEL_SERVICE_NAME,
    otlpTracesUrl: env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? `${base}/v1/traces`,
    sampler: env.OTEL_TRACES_SAMPLER,
    samplerRatio: env.OTEL_TRACES_SAMPLER_ARG,
  };
}
