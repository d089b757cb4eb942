/**
 * In-place sort of a segment of pair indices by (cost, candidate), faster than a comparator passed to
 * TypedArray.prototype.sort: keys are copied to a scratch Float64Array and sorted together with the
 * indices by an introsort-style quicksort (median of three, insertion sort on short runs).
 */

/**
 * Sorts `order[from..to)` (pair indices) by ascending cost[k], ties by ascending tie[k].
 * @example
 *   const order = Int32Array.from([0, 1, 2]);
 *   sortPairsByCost(order, 0, 3, new Float64Array([5, 1, 5]), new Int32Array([9, 0, 3])); // order = [1, 2, 0]
 */
export function sortPairsByCost(order: Int32Array, from: number, to: number, cost: Float64Array, tie: Int32Array): void {
  const n = to - from;
  if (n < 2) return;
  const key = new Float64Array(n);
  const idx = new Int32Array(n);
  const sub = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    const k = order[from + t];
    idx[t] = k;
    key[t] = cost[k];
    sub[t] = tie[k];
  }
  quicksort(key, sub, idx, 0, n - 1);
  for (let t = 0; t < n; t++) order[from + t] = idx[t];
}

function less(key: Float64Array, sub: Int32Array, a: number, b: number): boolean {
  return key[a] < key[b] || (key[a] === key[b] && sub[a] < sub[b]);
}

function swap(key: Float64Array, sub: Int32Array, idx: Int32Array, a: number, b: number): void {
  const k = key[a];
  key[a] = key[b];
  key[b] = k;
  const s = sub[a];
  sub[a] = sub[b];
  sub[b] = s;
  const i = idx[a];
  idx[a] = idx[b];
  idx[b] = i;
}

function quicksort(key: Float64Array, sub: Int32Array, idx: Int32Array, lo: number, hi: number): void {
  while (hi - lo > 16) {
    const mid = (lo + hi) >> 1;
    if (less(key, sub, mid, lo)) swap(key, sub, idx, mid, lo);
    if (less(key, sub, hi, lo)) swap(key, sub, idx, hi, lo);
    if (less(key, sub, hi, mid)) swap(key, sub, idx, hi, mid);
    // Pivot (median of three) moved to hi - 1.
    swap(key, sub, idx, mid, hi - 1);
    const pk = key[hi - 1];
    const ps = sub[hi - 1];
    let i = lo;
    let j = hi - 1;
    for (;;) {
      do i++;
      while (key[i] < pk || (key[i] === pk && sub[i] < ps));
      do j--;
      while (pk < key[j] || (pk === key[j] && ps < sub[j]));
      if (i >= j) break;
      swap(key, sub, idx, i, j);
    }
    swap(key, sub, idx, i, hi - 1);
    // Recurse into the smaller side, loop on the larger (bounded stack depth).
    if (i - lo < hi - i) {
      quicksort(key, sub, idx, lo, i - 1);
      lo = i + 1;
    } else {
      quicksort(key, sub, idx, i + 1, hi);
      hi = i - 1;
    }
  }
  for (let i = lo + 1; i <= hi; i++) {
    for (let j = i; j > lo && less(key, sub, j, j - 1); j--) swap(key, sub, idx, j, j - 1);
  }
}
