import { describe, expect, it } from '@jest/globals';
import { createApp } from '../../src/bootstrap/create-app.js';
import { startDeadEndServer } from '../support/dead-end-server.js';
import { integrationConfig } from '../support/test-config.js';

// "Fails fast" is asserted without a stopwatch (CI machines are shared and sometimes
// loaded): one connection attempt and no retry loop for the database, and the Redis
// connect timeout's own message for a Redis that never answers.
describe('boot fails fast with a readable reason', () => {
  it('an unreachable DATABASE_URL stops the boot after one attempt, naming the database', async () => {
    const database = await startDeadEndServer('reset');
    try {
      const boot = createApp(integrationConfig({ DATABASE_URL: `postgres://nobody:hunter2@127.0.0.1:${database.port}/x` }));
      await expect(boot).rejects.toThrow(new RegExp(`Cannot connect to the database \\(postgres 127\\.0\\.0\\.1:${database.port}/x\\)`));
      await expect(boot).rejects.not.toThrow(/hunter2/);
      expect(database.connections()).toBe(1);
    } finally {
      await database.close();
    }
  });

  it('a refused REDIS_URL stops the boot with a readable reason, hiding the password', async () => {
    const boot = createApp(integrationConfig({ REDIS_URL: 'redis://:s3cret@127.0.0.1:1' }));
    await expect(boot).rejects.toThrow(/Cannot connect to Redis \(standalone, REDIS_URL redis:\/\/127\.0\.0\.1:1\)/);
    await expect(boot).rejects.not.toThrow(/s3cret/);
  });

  it('a Redis that accepts but never answers stops the boot at REDIS_CONNECT_TIMEOUT_MS', async () => {
    const redis = await startDeadEndServer('silent');
    try {
      const boot = createApp(integrationConfig({ REDIS_URL: `redis://:s3cret@127.0.0.1:${redis.port}`, REDIS_CONNECT_TIMEOUT_MS: '2000' }));
      await expect(boot).rejects.toThrow(/Cannot connect to Redis \(standalone, .*\): no answer within 2000 ms/);
      await expect(boot).rejects.not.toThrow(/s3cret/);
    } finally {
      await redis.close();
    }
  });
});
