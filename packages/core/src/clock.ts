/** Source of "now" for billing code, injectable so tests and sandbox test clocks control time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at `at`; every call returns a fresh Date so callers cannot mutate it. */
export function fixedClock(at: Date | string): Clock {
  const time = new Date(at).getTime();
  if (Number.isNaN(time)) throw new RangeError(`fixedClock: invalid date ${String(at)}`);
  return { now: () => new Date(time) };
}
