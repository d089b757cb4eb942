/**
 * A small parser for the bracket syntax shared by WKT1 (OGC and ESRI .prj flavours) and WKT2 (ISO 19162):
 * `KEYWORD[value, value, KEYWORD[...], ...]`, with `(`/`)` accepted as brackets, double-quoted strings
 * (a doubled quote `""` inside a string is a literal quote), numbers and bare words (`NORTH`, `Cartesian`).
 * It builds a tree only; interpreting it as a coordinate system is crs_from_wkt.ts's job.
 */

import { InputError } from '../errors';

export interface WktNode {
  /** Keyword in upper case, e.g. "PROJCS", "GEOGCRS", "PARAMETER". */
  readonly keyword: string;
  /** Values in order: quoted strings and bare words as strings, numbers as numbers, nested nodes. */
  readonly values: readonly WktValue[];
}

export type WktValue = string | number | WktNode;

/** Longest WKT accepted (a .prj is a few kB; anything larger is not a coordinate system). */
const MAX_WKT_CHARS = 200_000;

class WktReader {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly sourceName: string | undefined,
  ) {}

  fail(message: string): never {
    const excerpt = this.text.slice(Math.max(0, this.pos - 20), this.pos + 20).replace(/\s+/g, ' ');
    throw new InputError(`malformed WKT at character ${this.pos}: ${message} (near "${excerpt}")`, {
      file: this.sourceName,
    });
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  readWord(): string {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && /[A-Za-z0-9_]/.test(this.text[this.pos])) this.pos++;
    if (this.pos === start) this.fail('expected a keyword');
    return this.text.slice(start, this.pos);
  }

  readString(): string {
    // Caller has checked that the current character is '"'.
    this.pos++;
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) this.fail('unterminated quoted string');
      const ch = this.text[this.pos++];
      if (ch === '"') {
        if (this.text[this.pos] === '"') {
          out += '"';
          this.pos++;
          continue;
        }
        return out;
      }
      out += ch;
    }
  }

  readNumber(): number {
    this.skipSpace();
    const match = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) this.fail('expected a number');
    this.pos += match[0].length;
    return Number(match[0]);
  }

  readNode(depth: number): WktNode {
    if (depth > 64) this.fail('nesting deeper than 64 levels');
    const keyword = this.readWord().toUpperCase();
    this.skipSpace();
    const open = this.text[this.pos];
    if (open !== '[' && open !== '(') this.fail(`expected "[" after ${keyword}`);
    const close = open === '[' ? ']' : ')';
    this.pos++;
    const values: WktValue[] = [];
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return { keyword, values };
    }
    for (;;) {
      values.push(this.readValue(depth));
      this.skipSpace();
      const ch = this.text[this.pos];
      if (ch === ',') {
        this.pos++;
        continue;
      }
      if (ch === close) {
        this.pos++;
        return { keyword, values };
      }
      this.fail(`expected "," or "${close}" in ${keyword}`);
    }
  }

  readValue(depth: number): WktValue {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '"') return this.readString();
    if (ch !== undefined && /[-+.\d]/.test(ch)) return this.readNumber();
    if (ch !== undefined && /[A-Za-z_]/.test(ch)) {
      // A bare word is a nested node when a bracket follows, an enumeration value (NORTH) otherwise.
      const save = this.pos;
      const word = this.readWord();
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === '[' || next === '(') {
        this.pos = save;
        return this.readNode(depth + 1);
      }
      return word;
    }
    this.fail('expected a value');
  }
}

/**
 * Parses one WKT object into a tree; throws InputError naming the position on malformed text.
 * @example parseWkt('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]]]').keyword // "GEOGCS"
 */
export function parseWkt(text: string, sourceName?: string): WktNode {
  if (text.length > MAX_WKT_CHARS) {
    throw new InputError(`WKT is ${text.length} characters long; at most ${MAX_WKT_CHARS} are accepted`, {
      file: sourceName,
    });
  }
  // A UTF-8 byte-order mark is common at the start of .prj files written on Windows.
  const reader = new WktReader(text.replace(/^\uFEFF/, ''), sourceName);
  const node = reader.readNode(0);
  if (!reader.atEnd()) reader.fail('unexpected text after the end of the WKT object');
  return node;
}

/**
 * First direct child node with one of the keywords (upper case), or undefined.
 * @example wktName(wktChild(parseWkt('GEOGCS["x",DATUM["D_WGS_1984"]]'), 'DATUM')) // "D_WGS_1984"
 */
export function wktChild(node: WktNode, ...keywords: string[]): WktNode | undefined {
  for (const value of node.values) {
    if (typeof value === 'object' && keywords.includes(value.keyword)) return value;
  }
  return undefined;
}

/**
 * All direct child nodes with one of the keywords (upper case).
 * @example wktChildren(parseWkt('PROJCS["x",PARAMETER["a",1],PARAMETER["b",2]]'), 'PARAMETER').length // 2
 */
export function wktChildren(node: WktNode, ...keywords: string[]): WktNode[] {
  const out: WktNode[] = [];
  for (const value of node.values) {
    if (typeof value === 'object' && keywords.includes(value.keyword)) out.push(value);
  }
  return out;
}

/**
 * Depth-first search for the first node (the node itself included) with one of the keywords.
 * @example wktFind(parseWkt('PROJCS["x",GEOGCS["y",DATUM["d",SPHEROID["s",6378137,298.257223563]]]]'), 'SPHEROID')?.values[1] // 6378137
 */
export function wktFind(node: WktNode, ...keywords: string[]): WktNode | undefined {
  if (keywords.includes(node.keyword)) return node;
  for (const value of node.values) {
    if (typeof value === 'object') {
      const hit = wktFind(value, ...keywords);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * The node's name: its first value when that is a string ("" otherwise).
 * @example wktName(parseWkt('GEOGCS["WGS 84"]')) // "WGS 84"
 */
export function wktName(node: WktNode | undefined): string {
  const first = node?.values[0];
  return typeof first === 'string' ? first : '';
}

/**
 * The node's n-th value as a number (WKT1 writes some numbers quoted, e.g. AUTHORITY["EPSG","4326"]).
 * @example wktNumber(parseWkt('AUTHORITY["EPSG","4326"]'), 1) // 4326
 */
export function wktNumber(node: WktNode | undefined, index: number): number | undefined {
  const value = node?.values[index];
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}
