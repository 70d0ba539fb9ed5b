/** Injected everywhere time matters, so tests can pin "now". */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (at: Date | string): Clock => {
  const d = new Date(at);
  return { now: () => new Date(d) };
};
