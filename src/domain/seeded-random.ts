/**
 * A small seeded pseudo-random generator (a 32-bit linear congruential generator, Numerical Recipes
 * constants): the same seed gives the same numbers in [0, 1), so demo data and tests are repeatable.
 * Not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A seeded generator with helpers (mulberry32): for test and benchmark inputs that must be the same
 * on every run, so a failure can be replayed from its seed.
 */
export function seededPicker(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  return {
    next,
    int,
    pick,
    chance: (p: number) => next() < p,
    /** One to `max` distinct items of the list. */
    some: <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + int(max) }, () => pick(list)))],
  };
}
