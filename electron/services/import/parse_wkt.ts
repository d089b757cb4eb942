/**
 * Well-known text (OGC WKT / ISO SQL/MM) → raw GeoJSON geometry object, for the `wkt` column of
 * CSV files (the CSV exporter writes non-point layers that way). Supports POINT, LINESTRING,
 * POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON with optional Z/M/ZM (extra ordinates are
 * kept in the position and dropped later by the geometry reader) and an optional "SRID=4326;"
 * prefix. The result is checked afterwards by read_layer_geometry.ts.
 */
import { inputError, type RecordLocation } from './record_location';

type Coordinates = number[] | Coordinates[];

const TYPES: Record<string, { type: string; depth: number }> = {
  POINT: { type: 'Point', depth: 0 },
  LINESTRING: { type: 'LineString', depth: 1 },
  POLYGON: { type: 'Polygon', depth: 2 },
  MULTIPOINT: { type: 'MultiPoint', depth: 1 },
  MULTILINESTRING: { type: 'MultiLineString', depth: 2 },
  MULTIPOLYGON: { type: 'MultiPolygon', depth: 3 },
};

class WktReader {
  pos = 0;
  constructor(
    readonly text: string,
    readonly fail: (message: string) => never,
  ) {}

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }
  peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }
  expect(char: string): void {
    if (this.peek() !== char) this.fail(`expected "${char}" at character ${this.pos + 1}`);
    this.pos++;
  }
  word(): string {
    this.skipSpace();
    const match = /^[A-Za-z]+/.exec(this.text.slice(this.pos));
    if (!match) return '';
    this.pos += match[0].length;
    return match[0].toUpperCase();
  }
  number(): number {
    this.skipSpace();
    const match = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!match) this.fail(`expected a number at character ${this.pos + 1}`);
    this.pos += match[0].length;
    return Number(match[0]);
  }
  position(): number[] {
    const values = [this.number(), this.number()];
    while (/[-+.\d]/.test(this.peek())) values.push(this.number());
    return values;
  }
  /** depth 0: a position, bare or in parentheses (MULTIPOINT ((1 2), (3 4))); depth n: "(" list ")". */
  coordinates(depth: number): Coordinates {
    if (depth === 0) {
      if (this.peek() === '(') {
        this.pos++;
        const p = this.position();
        this.expect(')');
        return p;
      }
      return this.position();
    }
    this.expect('(');
    const items: Coordinates[] = [this.coordinates(depth - 1)];
    while (this.peek() === ',') {
      this.pos++;
      items.push(this.coordinates(depth - 1));
    }
    this.expect(')');
    return items;
  }
}

/** Parses one WKT string; throws InputError naming `loc` and `field` on any syntax problem. */
export function parseWkt(text: string, loc: RecordLocation, field: string): { type: string; coordinates: Coordinates } {
  const fail = (message: string): never => {
    throw inputError(loc, field, `invalid WKT: ${message}`, 'WKT such as POINT (114.2 30.5) or POLYGON ((...))');
  };
  const reader = new WktReader(text.replace(/^\s*SRID=\d+;/i, ''), fail);
  const name = reader.word();
  const spec = TYPES[name];
  if (!spec) fail(name ? `unsupported geometry type ${name}` : 'no geometry type');
  let word = reader.word();
  if (word === 'Z' || word === 'M' || word === 'ZM') word = reader.word();
  if (word === 'EMPTY') fail(`${name} EMPTY has no coordinates`);
  if (word !== '') fail(`unexpected word ${word}`);
  let coordinates: Coordinates;
  if (spec.depth === 0) {
    reader.expect('(');
    coordinates = reader.position();
    reader.expect(')');
  } else {
    coordinates = reader.coordinates(spec.depth);
  }
  if (reader.peek() !== '') fail(`unexpected text after the geometry at character ${reader.pos + 1}`);
  return { type: spec.type, coordinates };
}
