import { describe, expect, it } from '@jest/globals';
import { createApp } from '../../src/bootstrap/create-app.js';
import { integrationConfig } from '../support/test-config.js';

describe('boot fails fast with a readable reason', () => {
  it('an unreachable DATABASE_URL stops the boot within seconds, naming the database', async () => {
    const started = Date.now();
    await expect(createApp(integrationConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/x' }))).rejects.toThrow(
      /Cannot connect to the database \(postgres 127\.0\.0\.1:1\/x\)/,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an unreachable REDIS_URL stops the boot within the connect timeout, hiding the password', async () => {
    const started = Date.now();
    const boot = createApp(integrationConfig({ REDIS_URL: 'redis://:s3cret@127.0.0.1:1', REDIS_CONNECT_TIMEOUT_MS: '1000' }));
    await expect(boot).rejects.toThrow(/Cannot connect to Redis \(standalone, REDIS_URL redis:\/\/127\.0\.0\.1:1\)/);
    await expect(boot).rejects.not.toThrow(/s3cret/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
