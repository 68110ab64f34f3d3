import { describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { KvStore } from '../../src/redis/kv-store.port.js';
import { MemoryKvStore } from '../../src/redis/memory-kv-store.js';
import { openKvStore } from '../../src/redis/open-kv-store.js';
import { integrationConfig } from '../support/test-config.js';
import { describeKvStoreContract } from './kv-store-contract.js';

const implementations: [string, () => Promise<KvStore>][] = [
  ['redis (ioredis, real server)', () => openKvStore(integrationConfig().redis, new Logger('test'))],
  ['in-process memory store', async () => new MemoryKvStore()],
];

for (const [name, open] of implementations) describeKvStoreContract(name, open);

describe('Redis key namespacing', () => {
  it('two prefixes never see each other', async () => {
    const a = await openKvStore(integrationConfig().redis, new Logger('test'));
    const b = await openKvStore(integrationConfig().redis, new Logger('test'));
    try {
      await a.set('shared', 'from-a', 5_000);
      expect(await b.get('shared')).toBeNull();
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
