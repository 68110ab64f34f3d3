import { describe, expect, it } from '@jest/globals';
import type { RelayCallRecord } from '../../../src/relay/relay-meter.js';
import { UsageBuffer } from '../../../src/usage/metering/usage-buffer.js';
import { latencyBucketOf, outcomeOf, statusClassOf } from '../../../src/usage/metering/usage-classify.js';

const call = (status: number): RelayCallRecord => ({ provider: 'genesys', userId: 'u', sessionKind: 'web', method: 'GET', route: '/r', status, durationMs: 1, bytesIn: 0, bytesOut: 0 });

describe('UsageBuffer', () => {
  it('keeps calls in order across the ring wrap and refuses beyond its capacity', () => {
    const buffer = new UsageBuffer(3);
    expect([buffer.push(call(200), 1), buffer.push(call(201), 2), buffer.push(call(202), 3), buffer.push(call(203), 4)]).toEqual([true, true, true, false]);
    expect(buffer.take(2).map((b) => [b.call.status, b.at])).toEqual([[200, 1], [201, 2]]);
    expect([buffer.push(call(204), 5), buffer.push(call(205), 6), buffer.push(call(206), 7)]).toEqual([true, true, false]);
    expect(buffer.size).toBe(3);
    expect(buffer.take(10).map((b) => b.call.status)).toEqual([202, 204, 205]);
    expect([buffer.size, buffer.take(5)]).toEqual([0, []]);
  });
});

describe('usage classification', () => {
  it('puts 429 in its own class, as the upstream usage results do', () => {
    expect([200, 304, 404, 429, 503].map(statusClassOf)).toEqual(['2xx', '3xx', '4xx', '429', '5xx']);
  });

  it('derives the outcome from the problem code the relay answered with', () => {
    expect(outcomeOf(undefined, 500)).toBe('answered');
    expect(outcomeOf('relay_route_not_allowed', 404)).toBe('refused');
    expect(outcomeOf('provider_not_linked', 409)).toBe('refused');
    expect(outcomeOf('upstream_timeout', 504)).toBe('timeout');
    expect(outcomeOf('upstream_unavailable', 503)).toBe('breaker_open');
    expect(outcomeOf('upstream_unreachable', 502)).toBe('failed');
  });

  it('buckets latency by inclusive upper bounds', () => {
    expect([0, 5, 6, 10_000, 10_001].map(latencyBucketOf)).toEqual([0, 0, 1, 10, 11]);
  });
});
