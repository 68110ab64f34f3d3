/** Epoch milliseconds; injected so tests can move time instead of waiting. */
export type Clock = () => number;

export const SESSION_CLOCK = Symbol('SESSION_CLOCK');

export const systemClock: Clock = () => Date.now();
