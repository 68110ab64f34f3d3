import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { exitOf, startFaultInstance, type FaultInstance } from './support/fault-instance.js';
import { StoppableRedis } from '../support/redis-server-process.js';

const GRACE_MS = 25_000;
// Readiness red with the listener still open: long enough that a busy machine's delay
// between the signal being handled and this test seeing readiness turn red never
// outlasts it (with the 1 s default it could).
const READINESS_DRAIN_MS = 5_000;

interface Answer {
  status: number;
  connection: string | undefined;
  /** Which client socket carried it: old (opened before SIGTERM) or a new one. */
  socketId: number;
}

/** Keep-alive clients, as a load balancer or browser would hold them. */
function keepAliveClient(baseUrl: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const ids = new WeakMap<Socket, number>();
  let next = 0;
  const get = (path: string) =>
    new Promise<Answer>((resolve, reject) => {
      const req = request(`${baseUrl}${path}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, socketId: ids.get(req.socket!)! }));
      });
      req.on('socket', (socket) => {
        if (!ids.has(socket)) ids.set(socket, next++);
      });
      req.on('error', reject);
      req.end();
    });
  return { agent, get, socketsOpened: () => next };
}

/** Writes a request line and headers but not the blank line that ends them: the request is "in progress". */
function halfSentRequest(port: number): Promise<{ socket: Socket; finish(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /v1/auth/providers HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      const ended = new Promise<string>((done) => socket.once('close', () => done(text)));
      resolve({
        socket,
        finish: () => {
          socket.write('\r\n');
          return ended;
        },
      });
    });
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Item 5: SIGTERM drains keep-alive connections. Before the fix every answer after SIGTERM
 * still said `Connection: keep-alive` and old connections kept being served for the whole
 * grace period.
 */
describe('fault: SIGTERM drains keep-alive connections', () => {
  const redis = new StoppableRedis();
  let instance: FaultInstance;

  beforeAll(async () => {
    await redis.start();
    instance = await startFaultInstance(redis.url, { SHUTDOWN_GRACE_MS: String(GRACE_MS), SHUTDOWN_READINESS_DRAIN_MS: String(READINESS_DRAIN_MS) });
  }, 60_000);
  afterAll(async () => {
    await instance?.close();
    await redis.dispose();
  });

  it('answers Connection: close under load, refuses late requests on old connections with 503 shutting_down, exits within the grace', async () => {
    const { bff } = instance;
    const port = Number(new URL(bff.url).port);
    const client = keepAliveClient(bff.url);
    // Warm eight keep-alive connections; before SIGTERM they stay open.
    const warm = await Promise.all(Array.from({ length: 8 }, () => client.get('/v1/auth/providers')));
    expect(warm.every((a) => a.status === 200 && a.connection === 'keep-alive')).toBe(true);
    const oldSockets = client.socketsOpened();
    const late = await halfSentRequest(port);

    let signalledAt = 0;
    const exited = exitOf(bff, () => signalledAt);
    signalledAt = Date.now();
    bff.child.kill('SIGTERM');
    // The signal is handled when the process gets to it, later on a busy machine: until then
    // keep-alive answers are right. Draining has begun once readiness answers 503 (asked on a
    // connection of its own, so the client's old connections stay untouched).
    const deadline = Date.now() + 15_000;
    while ((await fetch(`${bff.url}/health/ready`, { headers: { connection: 'close' } })).status !== 503) {
      if (Date.now() > deadline) throw new Error('readiness never turned 503 after SIGTERM');
      await sleep(20);
    }
    const drainingSeenAt = Date.now();

    // Concurrent load in the first 300 ms of draining seen (the listener stays open for
    // READINESS_DRAIN_MS after the signal was handled, which was before drainingSeenAt).
    const answers: Answer[] = [];
    const errors: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (Date.now() - drainingSeenAt < 300) {
          await client.get('/v1/auth/providers').then((a) => answers.push(a), (e: Error) => errors.push(e.message));
        }
      }),
    );
    expect(errors).toEqual([]);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.connection !== 'close')).toEqual([]);
    // An old connection carries at most one more request, whose answer closes it.
    const perOldSocket = new Map<number, number>();
    for (const a of answers.filter((x) => x.socketId < oldSockets)) perOldSocket.set(a.socketId, (perOldSocket.get(a.socketId) ?? 0) + 1);
    expect([...perOldSocket.values()].every((n) => n === 1)).toBe(true);

    // Past the readiness moment the listener is closed (a new connection is refused): a
    // request finishing on an old connection is then refused cleanly.
    const closedBy = Date.now() + READINESS_DRAIN_MS + 15_000;
    while (await fetch(`${bff.url}/health/live`, { headers: { connection: 'close' } }).then(() => true, () => false)) {
      if (Date.now() > closedBy) throw new Error('the listener never closed after the readiness drain');
      await sleep(50);
    }
    const refused = await late.finish();
    expect(refused).toMatch(/^HTTP\/1\.1 503 /);
    expect(refused).toMatch(/\r\nconnection: close\r\n/i);
    expect(refused).toMatch(/application\/problem\+json/);
    expect(refused).toContain('"code":"shutting_down"');
    await expect(client.get('/health/live')).rejects.toThrow(/ECONNREFUSED/);

    const { code, afterMs } = await exited;
    expect(code).toBe(0);
    expect(afterMs).toBeLessThan(GRACE_MS);
    client.agent.destroy();
  }, 60_000);
});
