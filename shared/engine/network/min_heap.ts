/**
 * Binary min-heap of (key, item) pairs on typed arrays, for Dijkstra. No decrease-key: callers push a
 * node again when its cost improves and skip stale entries when popped (lazy deletion), which is
 * faster in practice on sparse road graphs.
 */
/**
 * @example
 *   const heap = new MinHeap(); heap.push(7, 2.5); heap.push(3, 1.0);
 *   heap.peekKey(); // 1.0
 *   heap.pop();     // 3
 */
export class MinHeap {
  private keys: Float64Array;
  private items: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.keys = new Float64Array(Math.max(16, capacity));
    this.items = new Int32Array(Math.max(16, capacity));
  }

  clear(): void {
    this.length = 0;
  }

  push(item: number, key: number): void {
    if (this.length === this.keys.length) this.grow();
    const { keys, items } = this;
    let pos = this.length++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[pos] = keys[parent];
      items[pos] = items[parent];
      pos = parent;
    }
    keys[pos] = key;
    items[pos] = item;
  }

  /** Key of the smallest entry; Infinity when empty. */
  peekKey(): number {
    return this.length > 0 ? this.keys[0] : Infinity;
  }

  /** Removes the smallest entry and returns its item (-1 when empty); read its key with peekKey first. */
  pop(): number {
    if (this.length === 0) return -1;
    const { keys, items } = this;
    const top = items[0];
    const last = --this.length;
    if (last > 0) {
      const key = keys[last];
      const item = items[last];
      let pos = 0;
      const half = last >> 1;
      while (pos < half) {
        let child = 2 * pos + 1;
        const right = child + 1;
        if (right < last && keys[right] < keys[child]) child = right;
        if (keys[child] >= key) break;
        keys[pos] = keys[child];
        items[pos] = items[child];
        pos = child;
      }
      keys[pos] = key;
      items[pos] = item;
    }
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const items = new Int32Array(this.items.length * 2);
    keys.set(this.keys);
    items.set(this.items);
    this.keys = keys;
    this.items = items;
  }
}
