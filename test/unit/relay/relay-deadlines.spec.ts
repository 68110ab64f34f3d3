import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { RelayDeadlines, type Expirable } from '../../../src/relay/relay-deadlines.js';

const call = (expired: string[], name: string): Expirable => ({ deadline: 0, expire: () => expired.push(name) });

describe('RelayDeadlines (one sweep for every relayed call)', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('expires calls once their timeout passed, in arrival order, and never an untracked one', () => {
    const expired: string[] = [];
    const deadlines = new RelayDeadlines(1_000);
    deadlines.track(call(expired, 'a'));
    jest.advanceTimersByTime(300);
    deadlines.track(call(expired, 'b'));
    const done = call(expired, 'done');
    deadlines.track(done);
    deadlines.untrack(done);
    jest.advanceTimersByTime(650);
    expect(expired).toEqual([]);
    jest.advanceTimersByTime(100);
    expect(expired).toEqual(['a']);
    jest.advanceTimersByTime(400);
    expect(expired).toEqual(['a', 'b']);
  });

  it('runs no timer while nothing is in flight', () => {
    const expired: string[] = [];
    const deadlines = new RelayDeadlines(1_000);
    expect(jest.getTimerCount()).toBe(0);
    const only = call(expired, 'only');
    deadlines.track(only);
    expect(jest.getTimerCount()).toBe(1);
    deadlines.untrack(only);
    jest.advanceTimersByTime(100);
    expect(jest.getTimerCount()).toBe(0);
    expect(expired).toEqual([]);
  });
});
