import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';
import { sleep, waitUntil } from '../support/redis-server-process.js';
import { login, BOB, type Session } from '../relay/relay-support.js';

const LIFETIME_SECONDS = 3;
const SERVER = 2;
const CLIENT = 3;

/**
 * A BFF process started the way production starts it (`--import` of the telemetry
 * preload) with OTEL_TRACES_EXPORTER=otlp pointed at an in-memory OTLP receiver.
 * One relayed call and one relayed call that needs a refresh are traced end to end.
 */
describe('OpenTelemetry traces of a relayed call and a refresh', () => {
  let stack: LoginStack;
  let traced: BffProcess;
  const receiver = new OtlpReceiver();
  let session: Session;

  beforeAll(async () => {
    await receiver.start();
    // calcom opts in to traceparent; its sandbox shares an origin with the others (the gate is per origin).
    stack = await startLoginStack({ TOKEN_REFRESH_SKEW_SECONDS: '0' }, {
      entries: { calcom: { propagateTraceContext: true } },
      relay: ({ sandboxUrl }) => ({ calcom: { baseUrl: sandboxUrl, allow: [{ methods: ['GET'], path: '/_control/echo' }, { methods: ['GET'], path: '/calcom/v2/me' }] } }),
    });
    traced = await startBffProcess(
      { ...stack.instanceEnv, LOG_LEVEL: 'info', OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'bff-under-test' },
      // Loading every module through the instrumentation hooks is slow on a loaded machine.
      { nodeArgs: ['--import', './dist/telemetry/preload.js'], readyTimeoutMs: 90_000 },
    );
    stack.sandbox.setLifetimes('calcom', { accessTokenSeconds: LIFETIME_SECONDS });
    session = await login(stack, 'calcom', BOB);
  }, 180_000);
  afterAll(async () => {
    await traced?.stop();
    await stack?.close();
    await receiver.stop();
  });

  const get = (path: string) => fetch(`${traced.url}/v1/api/calcom${path}`, { headers: { cookie: session.cookie } });
  const traceOf = async (match: (s: ReceivedSpan) => boolean): Promise<ReceivedSpan[]> => {
    await waitUntil('the span to be exported', async () => receiver.spans.some(match), 30_000);
    const root = receiver.spans.find(match)!;
    // Spans of one trace may arrive in different batches; give the rest a moment.
    await sleep(500);
    return receiver.spans.filter((s) => s.traceId === root.traceId);
  };

  it('a relayed call that needs a refresh: server span, refresh span with its lock, token call, Redis and Postgres spans', async () => {
    await sleep((LIFETIME_SECONDS + 1) * 1000);
    stack.sandbox.setLifetimes('calcom', { accessTokenSeconds: 3_600 });
    expect((await get('/calcom/v2/me')).status).toBe(200);

    const spans = await traceOf((s) => s.name === 'token.refresh');
    const refresh = spans.find((s) => s.name === 'token.refresh')!;
    expect(refresh.attributes).toMatchObject({ 'bff.provider': 'calcom', 'bff.refresh.how': 'held' });
    const server = spans.find((s) => s.kind === SERVER)!;
    // The target, not the Express route: the relay may answer ahead of Express's router.
    expect(String(server.attributes['http.target'] ?? server.attributes['url.path'])).toMatch(/^\/v1\/api\/calcom\//);
    const upstream = spans.filter((s) => s.kind === CLIENT && s.scope.includes('undici'));
    expect(upstream.map((s) => s.name).sort()).toEqual(['GET', 'POST']);
    const redis = spans.filter((s) => s.scope.includes('ioredis'));
    expect(redis.map((s) => s.name)).toEqual(expect.arrayContaining(['get', 'set']));
    // Statements carry the command name only: never a key's value (a session record, a lock token).
    expect(redis.map((s) => String(s.attributes['db.query.text']))).toEqual(redis.map((s) => s.name));
    expect(spans.filter((s) => s.scope.includes('pg')).length).toBeGreaterThan(0);
    // The refresh happened inside the relayed request's trace.
    expect(refresh.traceId).toBe(server.traceId);
  }, 60_000);

  it('a plain relayed call: the trace id is in its log lines, and traceparent reaches an opted-in upstream', async () => {
    const res = await get('/_control/echo');
    expect(res.status).toBe(200);
    const echo = (await res.json()) as { headers: Record<string, string> };
    const traceparent = echo.headers.traceparent;
    expect(traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const traceId = traceparent.split('-')[1];

    const spans = await traceOf((s) => s.traceId === traceId && s.kind === SERVER);
    const upstream = spans.find((s) => s.kind === CLIENT && s.scope.includes('undici'))!;
    expect(traceparent.split('-')[2]).toBe(upstream.spanId);
    expect(spans.some((s) => s.name === 'token.refresh')).toBe(false);

    await waitUntil('the request log line', async () => traced.output().includes(traceId), 10_000);
    const lines = traced.output().split('\n').filter((l) => l.includes(traceId));
    expect(lines.every((l) => (JSON.parse(l) as { traceId?: string }).traceId === traceId)).toBe(true);
  }, 60_000);

  it('npm start with tracing on runs the module tree, not its bundle, so the instrumentation sees Express and undici', async () => {
    const started = await startBffProcess(
      { ...stack.instanceEnv, LOG_LEVEL: 'info', OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'bff-npm-start' },
      { script: 'scripts/start.mjs', readyTimeoutMs: 90_000 },
    );
    try {
      const bootstrapLine = () => started.output().split('\n').find((line) => line.includes('"context":"Bootstrap"'));
      await waitUntil('the listening log line', async () => bootstrapLine() !== undefined, 30_000);
      const listening = bootstrapLine();
      expect(JSON.parse(listening ?? '{}')).toMatchObject({ loadedFrom: 'modules' });
      const res = await fetch(`${started.url}/v1/api/calcom/_control/echo`, { headers: { cookie: session.cookie } });
      const traceId = ((await res.json()) as { headers: Record<string, string> }).headers.traceparent.split('-')[1];
      const spans = await traceOf((s) => s.traceId === traceId && s.kind === SERVER);
      expect(spans.some((s) => s.kind === CLIENT && s.scope.includes('undici'))).toBe(true);
    } finally {
      await started.stop();
    }
  }, 150_000);
});
