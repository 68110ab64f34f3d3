import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { openKvStore } from '../../src/redis/open-kv-store.js';
import type { KvStore } from '../../src/redis/kv-store.port.js';
import { startRedisCluster, type RedisClusterFixture } from '../support/redis-cluster.js';
import { nodeCommand, sleep, waitUntil } from '../support/redis-server-process.js';
import { integrationConfig } from '../support/test-config.js';
import { describeKvStoreContract } from './kv-store-contract.js';

/**
 * The KvStore contract on a real six-node Redis Cluster (3 masters, 3 replicas):
 * every command and script the store sends must be slot-safe, or the Cluster
 * answers CROSSSLOT and these tests fail.
 */
let cluster: RedisClusterFixture;
beforeAll(async () => {
  cluster = await startRedisCluster();
}, 60_000);
afterAll(async () => {
  await cluster?.stop();
});

const openClusterStore = () => openKvStore(integrationConfig(cluster.env).redis, new Logger('test'));

describeKvStoreContract('redis cluster (3 masters + 3 replicas)', openClusterStore);

describe('Redis Cluster specifics', () => {
  let a: KvStore;
  let b: KvStore;
  beforeAll(async () => {
    // Two stores on the same prefix: two BFF instances of one fleet.
    const config = integrationConfig(cluster.env).redis;
    [a, b] = await Promise.all([openKvStore(config, new Logger('a')), openKvStore(config, new Logger('b'))]);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it('the key prefix has no hash tag, so one fleet spreads its keys over every master', async () => {
    const config = integrationConfig(cluster.env).redis;
    expect(config.keyPrefix).not.toMatch(/[{}]/);
    const masters = new Set<number>();
    for (let i = 0; i < 30; i++) masters.add((await cluster.masterOf(`${config.keyPrefix}sess:${i}`)).port);
    expect(masters.size).toBe(3);
  });

  it('a message published by one instance reaches a subscriber of another, whichever nodes they use', async () => {
    const received: string[] = [];
    const unsubscribe = await b.subscribe('linked-account-changed', (m) => received.push(m));
    for (let i = 0; i < 10; i++) await a.publish('linked-account-changed', `account-${i}`);
    await waitUntil('ten messages', async () => received.length === 10, 5_000);
    // Publishes from one client may go through different nodes, so order is not kept; eviction is idempotent and order-free.
    expect([...received].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `account-${i}`).sort());
    await unsubscribe();
  });

  it('a message published on any one node is delivered to a subscriber on another node (the bus forwards it)', async () => {
    const [subscriberNode, publisherNode] = cluster.nodes;
    const subscriber = new Redis({ port: subscriberNode.port, host: '127.0.0.1' });
    try {
      const received: string[] = [];
      subscriber.on('message', (_channel: string, message: string) => received.push(message));
      await subscriber.subscribe('bus-check');
      expect(await nodeCommand(publisherNode.port, 'PUBLISH', 'bus-check', 'crossed')).toBeDefined();
      await waitUntil('the forwarded message', async () => received.length === 1, 5_000);
      expect(received).toEqual(['crossed']);
    } finally {
      subscriber.disconnect();
    }
  });

  it('a lock taken on one instance is seen by the other, and only its token frees it', async () => {
    const token = await a.acquireLock('refresh:account-1', 10_000);
    expect(token).not.toBeNull();
    expect(await b.acquireLock('refresh:account-1', 10_000)).toBeNull();
    expect(await b.releaseLock('refresh:account-1', 'not-the-token')).toBe(false);
    expect(await b.releaseLock('refresh:account-1', token as string)).toBe(true);
    expect(await a.acquireLock('refresh:account-1', 10_000)).not.toBeNull();
  });

  it('a refresh lock whose slot migrates while held (ASK, then MOVED) keeps one holder and only its token frees it', async () => {
    const config = integrationConfig(cluster.env).redis;
    const [holder, other] = await Promise.all([openKvStore(config, new Logger('holder')), openKvStore(config, new Logger('other'))]);
    try {
      const key = `${config.keyPrefix}lock:refresh:migrating-account`;
      const token = (await holder.acquireLock('refresh:migrating-account', 60_000)) as string;
      expect(token).not.toBeNull();
      const source = await cluster.masterOf(key);
      const masters = [];
      for (const node of cluster.nodes) if (((await nodeCommand(node.port, 'ROLE')) as [string])[0] === 'master') masters.push(node);
      const target = masters.find((m) => m.port !== source.port)!;
      const slot = String(await nodeCommand(source.port, 'CLUSTER', 'KEYSLOT', key));
      const [sourceId, targetId] = [String(await nodeCommand(source.port, 'CLUSTER', 'MYID')), String(await nodeCommand(target.port, 'CLUSTER', 'MYID'))];

      // Migration under way, key moved: the source answers ASK and the client follows it to the target.
      await nodeCommand(target.port, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', sourceId);
      await nodeCommand(source.port, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', targetId);
      expect(await nodeCommand(source.port, 'MIGRATE', '127.0.0.1', String(target.port), '', '0', '5000', 'KEYS', key)).toBe('OK');
      expect(await other.acquireLock('refresh:migrating-account', 60_000)).toBeNull();
      expect(await other.releaseLock('refresh:migrating-account', 'not-the-token')).toBe(false);

      // Migration finished: every node now sends MOVED for the slot, and the lock is still the holder's.
      for (const master of masters) await nodeCommand(master.port, 'CLUSTER', 'SETSLOT', slot, 'NODE', targetId);
      expect(await other.acquireLock('refresh:migrating-account', 60_000)).toBeNull();
      expect(await holder.releaseLock('refresh:migrating-account', token)).toBe(true);
      expect(await other.acquireLock('refresh:migrating-account', 60_000)).not.toBeNull();
      expect((await cluster.masterOf(key)).port).toBe(target.port);
    } finally {
      await Promise.all([holder.close(), other.close()]);
    }
  });

  it('keys on every master are read back by the other instance (redirections are followed)', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `spread:${i}`);
    await Promise.all(keys.map((k) => a.set(k, k.toUpperCase(), 30_000)));
    await sleep(0);
    expect(await Promise.all(keys.map((k) => b.get(k)))).toEqual(keys.map((k) => k.toUpperCase()));
    expect(await b.del(...keys)).toBe(keys.length);
  });
});
