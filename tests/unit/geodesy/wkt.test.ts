import fs from 'node:fs';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isInputError } from '../../../shared/errors';
import { parseWkt, wktChild, wktFind, wktName, wktNumber, type WktNode, type WktValue } from '../../../shared/geodesy/wkt';
import { testData } from '../../helpers/test_data';


function serialise(node: WktNode): string {
  const values = node.values.map((v: WktValue) =>
    typeof v === 'number' ? String(v) : typeof v === 'string' ? `"${v.replace(/"/g, '""')}"` : serialise(v),
  );
  return `${node.keyword}[${values.join(',')}]`;
}

describe('parseWkt', () => {
  it('reads the real Wuhan .prj', () => {
    const prj = fs.readFileSync(testData('wuhan/wuhan_boundary_shp/wuhan-boundary.prj'), 'utf8');
    const root = parseWkt(prj);
    expect(root.keyword).toBe('GEOGCS');
    expect(wktName(root)).toBe('GCS_WGS_1984');
    const spheroid = wktFind(root, 'SPHEROID');
    expect(wktName(spheroid)).toBe('WGS_1984');
    expect(wktNumber(spheroid, 1)).toBe(6378137);
    expect(wktNumber(spheroid, 2)).toBe(298.257223563);
    expect(wktNumber(wktChild(root, 'UNIT'), 1)).toBe(0.0174532925199433);
  });

  it('accepts round brackets, a BOM, doubled quotes, exponents, bare words and quoted numbers', () => {
    const root = parseWkt('\uFEFF projcs ( "a ""b""" , 1.5e3, -2, AXIS["N", NORTH], AUTHORITY["EPSG","4547"] ) ');
    expect(root.keyword).toBe('PROJCS');
    expect(root.values[0]).toBe('a "b"');
    expect(root.values[1]).toBe(1500);
    expect(root.values[2]).toBe(-2);
    expect(wktChild(root, 'AXIS')?.values).toEqual(['N', 'NORTH']);
    expect(wktNumber(wktChild(root, 'AUTHORITY'), 1)).toBe(4547);
  });

  it.each([
    ['PROJCS["x"', 'unterminated|expected'],
    ['PROJCS["x"]]', 'unexpected text after'],
    ['PROJCS "x"', 'expected "\\[" after PROJCS'],
    ['PROJCS["x",,1]', 'expected a value'],
    ['PROJCS["unterminated]', 'unterminated quoted string'],
  ])('rejects %s', (text, pattern) => {
    try {
      parseWkt(text, 'bad.prj');
      expect.unreachable('expected an InputError');
    } catch (error) {
      expect(isInputError(error)).toBe(true);
      expect((error as Error).message).toMatch(/^bad\.prj: malformed WKT at character \d+/);
      expect((error as Error).message).toMatch(new RegExp(pattern));
    }
  });

  it('serialise ∘ parse is the identity on generated trees', () => {
    const keyword = fc.stringMatching(/^[A-Z][A-Z0-9_]{0,8}$/);
    const leaf = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((v) => (Object.is(v, -0) ? 0 : v)),
    );
    const { node } = fc.letrec<{ node: WktNode; value: WktValue }>((tie) => ({
      node: fc.record({ keyword, values: fc.array(tie('value'), { maxLength: 4 }) }),
      value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('node')),
    }));
    fc.assert(
      fc.property(node, (tree) => {
        expect(parseWkt(serialise(tree))).toEqual(tree);
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });
});
