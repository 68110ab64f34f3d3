// Moved to test/support/redis-server-process.ts (one private-Redis helper for every suite); kept so existing imports work.
export { StoppableRedis, type RedisServerOptions } from '../../support/redis-server-process.js';
