/**
 * Binary max-heap of candidate indices keyed by an external Float64Array (ties: lower index first,
 * so that every run picks the same site). Used by the lazy greedy (CELF) loops.
 */
export class CandidateHeap {
  private readonly items: Int32Array;
  private size = 0;
  private readonly key: Float64Array;

  constructor(capacity: number, key: Float64Array) {
    this.items = new Int32Array(Math.max(1, capacity));
    this.key = key;
  }

  get length(): number {
    return this.size;
  }

  /** Index on top (largest key), or −1 when empty. */
  peek(): number {
    return this.size > 0 ? this.items[0] : -1;
  }

  push(j: number): void {
    let k = this.size++;
    const items = this.items;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!this.before(j, items[parent])) break;
      items[k] = items[parent];
      k = parent;
    }
    items[k] = j;
  }

  pop(): number {
    const items = this.items;
    const top = items[0];
    const last = items[--this.size];
    let k = 0;
    const n = this.size;
    for (;;) {
      let child = 2 * k + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(items[child + 1], items[child])) child++;
      if (!this.before(items[child], last)) break;
      items[k] = items[child];
      k = child;
    }
    if (n > 0) items[k] = last;
    return top;
  }

  private before(a: number, b: number): boolean {
    const ka = this.key[a];
    const kb = this.key[b];
    return ka > kb || (ka === kb && a < b);
  }
}

/**
 * The `k` largest positive values among `values[j]` with `mask[j] = 1` (all when mask is null): their
 * indices (ties: lower index wins) and their sum.
 * @example topK(new Float64Array([5, 1, 4]), 2, null) // { indices: Int32Array [0, 2], sum: 9 }
 */
export function topK(values: Float64Array, k: number, mask: Uint8Array | null): { indices: Int32Array; sum: number } {
  // Min-heap on (value, −index): the root is the weakest of the k kept so far.
  const heap = new Int32Array(Math.max(1, k));
  let size = 0;
  const weaker = (a: number, b: number) => values[a] < values[b] || (values[a] === values[b] && a > b);
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (!(v > 0) || (mask !== null && mask[j] === 0)) continue;
    if (size < k) {
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!weaker(j, heap[parent])) break;
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = j;
    } else if (weaker(heap[0], j)) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && weaker(heap[child + 1], heap[child])) child++;
        if (!weaker(heap[child], j)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = j;
    }
  }
  const indices = heap.slice(0, size).sort();
  let sum = 0;
  for (let i = 0; i < size; i++) sum += values[indices[i]];
  return { indices, sum };
}
