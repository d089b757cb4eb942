/**
 * Grid spacing of a set of cell-centre coordinates along one axis, in the coordinates' unit.
 *
 * Centres written with a few decimals carry rounding noise (0.000833 and 0.000834 alternate for a
 * 3-arc-second grid), so the smallest positive gap alone is biased. The estimate is:
 *  1. distinct values (sorted; values closer than 1e-9 relative are one value),
 *  2. first guess = mean of the gaps below 1.5 × the smallest gap,
 *  3. refined = (sum of all gaps that are close to a whole number k of steps) / (sum of k), i.e.
 *     span over step count, which averages the rounding noise away.
 * Returns null with fewer than 2 distinct values, and when the values are not on a regular lattice
 * (fewer than 95 % of the gaps within 0.1 step of a whole number of steps): scattered points such
 * as tract centroids have no cell size.
 *
 * Example: inferGridSpacing(Float64Array.of(114.200833, 114.2075, 114.208333, 114.209166))
 *   → ≈ 0.00083333 (10 steps over 0.008333).
 */
export function inferGridSpacing(values: ArrayLike<number>): number | null {
  const finite = new Float64Array(values.length);
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) finite[count++] = v;
  }
  const sorted = finite.subarray(0, count).sort();
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i] - sorted[i - 1];
    const tolerance = 1e-9 * Math.max(1, Math.abs(sorted[i]));
    if (gap > tolerance) gaps.push(gap);
  }
  if (gaps.length === 0) return null;

  let smallest = Infinity;
  for (const gap of gaps) if (gap < smallest) smallest = gap;
  let sum = 0;
  let near = 0;
  for (const gap of gaps) {
    if (gap < 1.5 * smallest) {
      sum += gap;
      near++;
    }
  }
  let step = sum / near;

  // two refinement passes: the first may misjudge k for long gaps, the second settles
  for (let pass = 0; pass < 2; pass++) {
    let span = 0;
    let steps = 0;
    for (const gap of gaps) {
      const k = Math.round(gap / step);
      if (k >= 1 && k <= 10_000 && Math.abs(gap / step - k) < 0.25) {
        span += gap;
        steps += k;
      }
    }
    if (steps > 0) step = span / steps;
  }

  let onLattice = 0;
  for (const gap of gaps) {
    const k = Math.round(gap / step);
    if (k >= 1 && Math.abs(gap / step - k) < 0.1) onLattice++;
  }
  return onLattice >= 0.95 * gaps.length ? step : null;
}
