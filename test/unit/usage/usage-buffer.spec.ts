import { describe, expect, it } from '@jest/globals';
import type { RelayCallRecord } from '../../../src/relay/relay-meter.js';
import { batchOf, UsageBuffer, type UsageBatch } from '../../../src/usage/metering/usage-buffer.js';
import { numberArray, textArray, uuidArray } from '../../../src/usage/metering/pg-array-literal.js';
import { latencyBucketOf, outcomeOf, statusClassOf } from '../../../src/usage/metering/usage-classify.js';

const call = (status: number): RelayCallRecord => ({ provider: 'genesys', userId: 'u', sessionKind: 'web', method: 'GET', route: '/r', status, durationMs: 1, bytesIn: 0, bytesOut: 0 });

const statuses = (batch: UsageBatch) => Array.from(batch.status);

describe('UsageBuffer', () => {
  it('keeps calls in order across the ring wrap and refuses beyond its capacity', () => {
    const buffer = new UsageBuffer(3);
    expect([buffer.push(call(200), 1), buffer.push(call(201), 2), buffer.push(call(202), 3), buffer.push(call(203), 4)]).toEqual([true, true, true, false]);
    const first = buffer.take(2);
    expect([statuses(first), Array.from(first.at)]).toEqual([[200, 201], [1, 2]]);
    expect([buffer.push(call(204), 5), buffer.push(call(205), 6), buffer.push(call(206), 7)]).toEqual([true, true, false]);
    expect(buffer.size).toBe(3);
    expect(statuses(buffer.take(10))).toEqual([202, 204, 205]);
    expect([buffer.size, buffer.take(5).length]).toEqual([0, 0]);
  });

  it('keeps every field of a call, and a count Postgres would refuse as 0', () => {
    const record: RelayCallRecord = { provider: 'genesys', userId: 'u1', sessionKind: 'native', method: 'POST', route: '/api/v2/x/{id}', status: 504, durationMs: 12.6, bytesIn: Number.NaN, bytesOut: 77, errorCode: 'upstream_timeout' };
    const batch = batchOf([{ call: record, at: 42 }]);
    expect({ ...batch, at: Array.from(batch.at), status: statuses(batch), durationMs: Array.from(batch.durationMs), bytesIn: Array.from(batch.bytesIn), bytesOut: Array.from(batch.bytesOut) }).toEqual({
      length: 1, at: [42], provider: ['genesys'], userId: ['u1'], sessionKind: ['native'], method: ['POST'], route: ['/api/v2/x/{id}'], status: [504], durationMs: [13], bytesIn: [0], bytesOut: [77], errorCode: ['upstream_timeout'],
    });
  });
});

describe('array literals for the flush', () => {
  it('quotes and escapes text, keeps numbers and turns a non-UUID user id into NULL', () => {
    expect(textArray(['a', 'x"y\\z', '/v/{id}', 'NULL'])).toBe('{"a","x\\"y\\\\z","/v/{id}","NULL"}');
    expect(numberArray(new Float64Array([1795977071384, 0, 12]))).toBe('{1795977071384,0,12}');
    expect(uuidArray(['0c0ffee0-0000-4000-8000-00000000beef', 'anonymous'])).toBe('{0c0ffee0-0000-4000-8000-00000000beef,NULL}');
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
