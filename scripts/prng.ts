/*
 * scripts/prng.ts — mulberry32, the small fixed-seed generator the golden-file scripts draw their
 * corpora from, so that a regenerated golden is the same on every run and host.
 */

/** prng — a generator of 32-bit unsigned numbers from `seed` (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
