/**
 * Identifies equal vertices of different ways: OSM ways meet exactly where they share a node, and a
 * GeoJSON export repeats that node's coordinates bit for bit (7 decimals). Coordinates are keyed by
 * their value rounded to 1e-7° (≈ 1 cm), in an open-addressing hash table on typed arrays.
 */

const EMPTY = -1;

/**
 * @example
 *   const hash = new CoordinateHash(1000);
 *   hash.getOrInsert(11.9545316, 57.6925383, 0); // 0 (new)
 *   hash.get(11.9545316, 57.6925383);            // 0
 */
export class CoordinateHash {
  private keysX: Int32Array;
  private keysY: Int32Array;
  private values: Int32Array;
  private mask: number;
  private used = 0;

  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.keysX = new Int32Array(capacity);
    this.keysY = new Int32Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.used;
  }

  /** Returns the id of (lon, lat), inserting `nextId` when it is new. */
  getOrInsert(lon: number, lat: number, nextId: number): number {
    const x = Math.round(lon * 1e7);
    const y = Math.round(lat * 1e7);
    let slot = this.slotOf(x, y);
    const { keysX, keysY, values } = this;
    while (values[slot] !== EMPTY) {
      if (keysX[slot] === x && keysY[slot] === y) return values[slot];
      slot = (slot + 1) & this.mask;
    }
    keysX[slot] = x;
    keysY[slot] = y;
    values[slot] = nextId;
    this.used++;
    if (this.used * 2 > this.mask) this.grow();
    return nextId;
  }

  /** Returns the id of (lon, lat) or -1. */
  get(lon: number, lat: number): number {
    const x = Math.round(lon * 1e7);
    const y = Math.round(lat * 1e7);
    let slot = this.slotOf(x, y);
    const { keysX, keysY, values } = this;
    while (values[slot] !== EMPTY) {
      if (keysX[slot] === x && keysY[slot] === y) return values[slot];
      slot = (slot + 1) & this.mask;
    }
    return EMPTY;
  }

  private slotOf(x: number, y: number): number {
    let h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
    return h & this.mask;
  }

  private grow(): void {
    const { keysX, keysY, values } = this;
    const capacity = (this.mask + 1) * 2;
    this.keysX = new Int32Array(capacity);
    this.keysY = new Int32Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.mask = capacity - 1;
    for (let i = 0; i < values.length; i++) {
      if (values[i] === EMPTY) continue;
      let slot = this.slotOf(keysX[i], keysY[i]);
      while (this.values[slot] !== EMPTY) slot = (slot + 1) & this.mask;
      this.keysX[slot] = keysX[i];
      this.keysY[slot] = keysY[i];
      this.values[slot] = values[i];
    }
  }
}
