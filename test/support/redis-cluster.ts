import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';
import { nodeCommand, startRedisServer, waitUntil, type RedisServerProcess } from './redis-server-process.js';

const run = promisify(execFile);
const NODES = 6; // 3 masters + 3 replicas
const FORM_TIMEOUT_MS = 30_000;

export interface RedisClusterFixture {
  nodes: RedisServerProcess[];
  /** `host:port,...` for REDIS_CLUSTER_NODES. */
  nodesEnv: string;
  /** The BFF's Redis environment for Cluster mode. */
  env: Record<string, string>;
  /** The node currently serving `key` as master. */
  masterOf(key: string): Promise<RedisServerProcess>;
  /** Waits until a replica has taken over the slots of a killed master. */
  waitHealthy(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Redis Cluster on loopback: six `redis-server` processes in cluster mode
 * on free ports (bus ports chosen free too, not port+10000), joined with
 * `redis-cli --cluster create --cluster-replicas 1`. Its own temp dir; `stop`
 * kills every process and removes the dir.
 */
export async function startRedisCluster(): Promise<RedisClusterFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'bff-redis-cluster-'));
  const nodes: RedisServerProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((n) => n.kill()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < NODES; i++) {
      const [port, busPort] = [await freePort(), await freePort()];
      nodes.push(
        await startRedisServer(dir, port, [
          '--cluster-enabled', 'yes',
          '--cluster-config-file', join(dir, String(port), 'nodes.conf'),
          '--cluster-port', String(busPort),
          // A killed master is replaced quickly, and a test never waits long for it.
          '--cluster-node-timeout', '2000',
          '--cluster-replica-validity-factor', '0',
        ]),
      );
    }
    const addresses = nodes.map((n) => `127.0.0.1:${n.port}`);
    await run('redis-cli', ['--cluster', 'create', ...addresses, '--cluster-replicas', '1', '--cluster-yes'], { timeout: FORM_TIMEOUT_MS });
    const fixture: RedisClusterFixture = {
      nodes,
      nodesEnv: addresses.join(','),
      env: { REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: addresses.join(',') },
      masterOf: async (key) => {
        const slot = Number(await nodeCommand(live(nodes)[0].port, 'CLUSTER', 'KEYSLOT', key));
        for (const node of live(nodes)) {
          const role = (await nodeCommand(node.port, 'ROLE')) as [string];
          if (role[0] !== 'master') continue;
          const slots = (await nodeCommand(node.port, 'CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
          if (slots.some(([from, to, [, masterPort]]) => slot >= from && slot <= to && masterPort === node.port)) return node;
        }
        throw new Error(`no live master serves slot ${slot}`);
      },
      waitHealthy: (timeoutMs = FORM_TIMEOUT_MS) => waitUntil('cluster_state:ok on every live node', () => allOk(live(nodes)), timeoutMs),
      stop,
    };
    await fixture.waitHealthy();
    return fixture;
  } catch (error) {
    await stop();
    throw error;
  }
}

function live(nodes: RedisServerProcess[]): RedisServerProcess[] {
  return nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
}

async function allOk(nodes: RedisServerProcess[]): Promise<boolean> {
  const infos = await Promise.all(nodes.map((n) => nodeCommand(n.port, 'CLUSTER', 'INFO') as Promise<string>));
  return infos.every((info) => info.includes('cluster_state:ok'));
}
