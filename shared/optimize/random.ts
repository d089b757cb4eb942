/**
 * Deterministic pseudo-random numbers for the heuristics: the same seed gives the same sites.
 */

/**
 * mulberry32: a small, fast 32-bit PRNG. Returns a function giving floats in [0, 1).
 * @example const next = mulberry32(1); next() // 0.6270739405881613
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Uniform integer in [0, n) from a PRNG.
 * @example randomInt(mulberry32(1), 10) // 6
 */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n);
}
