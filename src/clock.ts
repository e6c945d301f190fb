/** The clock port: everything that needs "now" takes a Clock, so tests can use sinon's fake timers or a fixed time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
