import { createHash, randomBytes, randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import pg from 'pg';

const dist = new URL('../../dist/', import.meta.url);

/**
 * The many-users scenario's population, written the way the BFF itself stores it: a
 * user row, a linked account whose tokens are sealed under the BFF's key ring (bound to
 * the row, like a real link), and a live web session in Redis (record + user index).
 * Returns one Cookie header per user. Sessions start fresh (lastSeenAt = now), so each
 * later sees its sliding-expiry write once a minute, as a steadily active user would.
 */
export async function seedUsers({ count, databaseUrl, schema, redisUrl, keyPrefix, tokenKeys, cookieName, provider }) {
  const { KeyRing } = await import(new URL('tokens/key-ring.js', dist));
  const { TokenCipher } = await import(new URL('tokens/token-cipher.js', dist));
  const { sealTokens } = await import(new URL('tokens/sealed-tokens.js', dist));
  const [kid, key] = tokenKeys.split(',')[0].split(':');
  const cipher = new TokenCipher(new KeyRing([{ kid, key: Buffer.from(key, 'base64') }]));
  const db = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await db.connect();
  const redis = new Redis(redisUrl, { keyPrefix });
  const now = Date.now();
  const cookies = [];
  try {
    for (let start = 0; start < count; start += 1_000) {
      const users = [];
      const links = [];
      const pipeline = redis.pipeline();
      for (let i = start; i < Math.min(count, start + 1_000); i++) {
        const userId = randomUUID();
        const accountId = randomUUID();
        const sealed = sealTokens(cipher, accountId, provider, { accessToken: `bench-access-${i}-${randomBytes(8).toString('hex')}`, refreshToken: `bench-refresh-${i}` });
        users.push([userId, `Bench user ${i}`]);
        links.push([accountId, userId, provider, `bench-subject-${i}`, sealed.accessTokenCiphertext, sealed.refreshTokenCiphertext, sealed.keyId, new Date(now + 3_600_000)]);
        const token = randomBytes(32).toString('base64url');
        const hash = createHash('sha256').update(token).digest('hex');
        const absoluteExpiresAt = now + 8 * 3_600_000;
        const record = { id: randomUUID(), userId, kind: 'web', roles: [], providers: [provider], createdAt: now, lastSeenAt: now, absoluteExpiresAt };
        pipeline.set(`sess:${hash}`, JSON.stringify(record), 'PX', 1_800_000);
        pipeline.zadd(`user-sessions:${userId}`, absoluteExpiresAt, hash);
        pipeline.pexpire(`user-sessions:${userId}`, 8 * 3_600_000);
        cookies.push(`${cookieName}=${token}`);
      }
      await db.query(`INSERT INTO users (id, display_name) SELECT * FROM unnest($1::uuid[], $2::varchar[])`, [users.map((u) => u[0]), users.map((u) => u[1])]);
      const column = (n) => links.map((l) => l[n]);
      await db.query(
        `INSERT INTO linked_accounts (id, user_id, provider, subject, scopes, grant_type, access_token_ciphertext, refresh_token_ciphertext, key_id, access_expires_at, status, version)
         SELECT id, user_id, provider, subject, '{openid}', 'authorization_code', a, r, k, e, 'active', 1
         FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::varchar[], $5::text[], $6::text[], $7::varchar[], $8::timestamptz[]) AS t(id, user_id, provider, subject, a, r, k, e)`,
        [0, 1, 2, 3, 4, 5, 6, 7].map(column),
      );
      await pipeline.exec();
    }
  } finally {
    await db.end();
    redis.disconnect();
  }
  return cookies;
}

/** The bench's keys leave the shared Redis with it. */
export async function dropRedisKeys(redisUrl, prefix) {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.unlink(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
