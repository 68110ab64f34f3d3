import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { nodeCommand, startRedisServer, waitUntil, type RedisServerProcess } from './redis-server-process.js';

export const SENTINEL_MASTER_NAME = 'bffmaster';
const SETTLE_TIMEOUT_MS = 30_000;

export interface RedisSentinelFixture {
  master: RedisServerProcess;
  replica: RedisServerProcess;
  sentinels: RedisServerProcess[];
  /** The BFF's Redis environment for Sentinel mode. */
  env: Record<string, string>;
  /** The port the sentinels currently name as master. */
  masterPort(): Promise<number>;
  /** Waits until the current master's replica has every write the master has acknowledged so far. */
  waitReplicated(): Promise<void>;
  /** Starts a killed server again on its port; the sentinels turn it into a replica of the current master. */
  restart(server: RedisServerProcess): Promise<RedisServerProcess>;
  stop(): Promise<void>;
}

/**
 * A master, one replica and three sentinels (quorum 2), each its own
 * `redis-server` on a free loopback port with its own temp dir. The sentinels
 * declare the master down after one second, so a failover completes in a few
 * seconds; `stop` kills every process and removes the dir.
 */
export async function startRedisSentinel(): Promise<RedisSentinelFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-redis-sentinel-'));
  const all: RedisServerProcess[] = [];
  const stop = async () => {
    await Promise.all(all.map((p) => p.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const master = await startRedisServer(dir, await freePort());
    all.push(master);
    const replica = await startRedisServer(dir, await freePort(), ['--replicaof', '127.0.0.1', String(master.port)]);
    all.push(replica);
    await waitUntil('the replica to sync', async () => String(await nodeCommand(replica.port, 'INFO', 'replication')).includes('master_link_status:up'), SETTLE_TIMEOUT_MS);
    const sentinels: RedisServerProcess[] = [];
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      // Sentinel rewrites its config file, so each gets a writable one of its own.
      const file = join(dir, `sentinel-${port}.conf`);
      writeFileSync(
        file,
        [
          `sentinel monitor ${SENTINEL_MASTER_NAME} 127.0.0.1 ${master.port} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_MASTER_NAME} 1000`,
          `sentinel failover-timeout ${SENTINEL_MASTER_NAME} 10000`,
          `sentinel parallel-syncs ${SENTINEL_MASTER_NAME} 1`,
          '',
        ].join('\n'),
      );
      const sentinel = await startRedisServer(dir, port, [], [file, '--sentinel']);
      sentinels.push(sentinel);
      all.push(sentinel);
    }
    const fixture: RedisSentinelFixture = {
      master,
      replica,
      sentinels,
      env: {
        REDIS_MODE: 'sentinel',
        REDIS_SENTINELS: sentinels.map((s) => `127.0.0.1:${s.port}`).join(','),
        REDIS_SENTINEL_NAME: SENTINEL_MASTER_NAME,
      },
      masterPort: async () => {
        const live = sentinels.filter((s) => s.child.exitCode === null);
        const [, port] = (await nodeCommand(live[0].port, 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', SENTINEL_MASTER_NAME)) as [string, string];
        return Number(port);
      },
      waitReplicated: () =>
        waitUntil(
          'the replica to catch up with the master',
          async () => {
            const info = String(await nodeCommand(await fixture.masterPort(), 'INFO', 'replication'));
            const masterOffset = Number(/master_repl_offset:(\d+)/.exec(info)?.[1]);
            const replicaOffset = Number(/slave0:.*offset=(\d+)/.exec(info)?.[1]);
            return replicaOffset >= masterOffset && /slave0:.*state=online/.test(info);
          },
          SETTLE_TIMEOUT_MS,
        ),
      restart: async (server) => {
        const again = await startRedisServer(dir, server.port, ['--replicaof', '127.0.0.1', String(await fixture.masterPort())]);
        all.push(again);
        return again;
      },
      stop,
    };
    // Every sentinel must know the replica and the other sentinels before a failover can be agreed.
    await waitUntil(
      'the sentinels to discover the replica and each other',
      async () => {
        const views = await Promise.all(sentinels.map((s) => nodeCommand(s.port, 'SENTINEL', 'MASTER', SENTINEL_MASTER_NAME) as Promise<string[]>));
        return views.every((v) => Number(v[v.indexOf('num-slaves') + 1]) === 1 && Number(v[v.indexOf('num-other-sentinels') + 1]) === 2);
      },
      SETTLE_TIMEOUT_MS,
    );
    return fixture;
  } catch (error) {
    await stop();
    throw error;
  }
}
