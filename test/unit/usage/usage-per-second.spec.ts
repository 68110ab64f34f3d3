import { describe, expect, it } from '@jest/globals';
import type { RelayCallRecord } from '../../../src/relay/relay-meter.js';
import { batchOf } from '../../../src/usage/metering/usage-buffer.js';
import { perSecond } from '../../../src/usage/metering/usage-per-second.js';

const base: RelayCallRecord = { provider: 'genesys', userId: 'u1', sessionKind: 'web', method: 'GET', route: '/api/v2/users/me', status: 200, durationMs: 10, bytesIn: 0, bytesOut: 100 };
const T = Date.UTC(2026, 10, 30, 12, 0, 0);

describe('perSecond', () => {
  it('folds the calls of one second and key into one row with their count and totals', () => {
    const rows = perSecond(batchOf([
      { call: { ...base, durationMs: 10, bytesIn: 5, bytesOut: 100 }, at: T + 1 },
      { call: { ...base, durationMs: 30, bytesIn: 0, bytesOut: 200 }, at: T + 999 },
      { call: { ...base, durationMs: 20, bytesIn: 7, bytesOut: 300 }, at: T + 500 },
    ]));
    expect({ ...rows }).toEqual({
      length: 1, second: [T], provider: ['genesys'], userId: ['u1'], sessionKind: ['web'], route: ['/api/v2/users/me'], method: ['GET'], status: [200], statusClass: ['2xx'], outcome: ['answered'],
      calls: [3], durationMsSum: [60], durationMsMax: [30], bytesIn: [12], bytesOut: [600],
    });
  });

  it('keeps apart calls that differ in the second or in any dimension of the key', () => {
    const variants: RelayCallRecord[] = [
      base,
      { ...base, provider: 'bluejeans' },
      { ...base, userId: 'u2' },
      { ...base, sessionKind: 'native' },
      { ...base, route: '/api/v2/users/{id}' },
      { ...base, method: 'POST' },
      { ...base, status: 404 },
      // Same status, another outcome: the BFF refused rather than the upstream answering 404.
      { ...base, status: 404, errorCode: 'relay_route_not_allowed' },
    ];
    const calls = [...variants.map((call) => ({ call, at: T })), { call: base, at: T + 1_000 }, { call: base, at: T + 10 }];
    const rows = perSecond(batchOf(calls));
    expect(rows.length).toBe(variants.length + 1);
    expect(rows.calls).toEqual([2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(rows.second).toEqual([...variants.map(() => T), T + 1_000]);
    expect(rows.outcome.slice(6, 8)).toEqual(['answered', 'refused']);
    expect(rows.calls.reduce((a, b) => a + b, 0)).toBe(calls.length);
  });

  it('gives no rows for an empty batch', () => {
    expect(perSecond(batchOf([])).length).toBe(0);
  });
});
