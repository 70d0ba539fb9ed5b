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
