/**
 * OpenStreetMap roads from .osm XML and .osm.pbf made of the real Gothenburg ways (osm_test_files.ts),
 * checked against GDAL's OSM driver (ogrinfo/ogr2ogr read both formats): same ways, same vertices,
 * same tags. Ways cut at the extract border, broken XML and truncated PBF are reported.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { ogrFeatures } from './gdal_reference';
import { hasGdalTool, rejection, testData } from './import_test_paths';
import { osmFromGeoJson, osmPbf, osmXml, type TestOsm } from './osm_test_files';

const WAYS = 2000;
const scratch = mkdtempSync(path.join(tmpdir(), 'siting-osm-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function gothenburg(count = WAYS): TestOsm {
  return osmFromGeoJson(JSON.parse(readFileSync(testData('gothenburg_osm/gothenburg_ways.geojson'), 'utf8')), count);
}

describe('OSM roads (Gothenburg ways)', () => {
  const osm = gothenburg();
  const xml = new TextEncoder().encode(osmXml(osm));
  const pbf = osmPbf(osm);

  it('XML and PBF give the same roads: one per way, "way/<id>" ids, highway, name and the other tags', async () => {
    const fromXml = await parseLayerFile('roads', 'gothenburg.osm', xml, {});
    const fromPbf = await parseLayerFile('roads', 'gothenburg.osm.pbf', pbf, {});
    expect(fromXml.format).toBe('osm');
    expect(fromPbf.format).toBe('osm_pbf');
    expect(fromXml.records).toHaveLength(WAYS);
    expect(fromPbf.records).toEqual(fromXml.records);
    const first = osm.ways[0];
    expect(fromXml.records[0]).toMatchObject({ id: `way/${first.id}`, highway: first.tags.highway, name: first.tags.name ?? null });
    const { highway: _h, name: _n, ...others } = first.tags;
    expect(fromXml.records[0].tags).toEqual(others);
    fromXml.records[0].geometry.coordinates.forEach(([lon, lat], i) => expect([lon, lat]).toEqual(osm.nodes.get(first.refs[i])));
  });

  // Runs only where ogrinfo (Debian gdal-bin) is installed: it checks against GDAL itself; .ci/run installs it.
  it.runIf(hasGdalTool('ogrinfo'))('agrees with GDAL: way count, ids, vertices and highway tags', async () => {
    for (const [name, bytes] of [
      ['gothenburg.osm', xml],
      ['gothenburg.osm.pbf', pbf],
    ] as const) {
      const file = path.join(scratch, name);
      writeFileSync(file, bytes);
      const gdal = ogrFeatures(file, 'lines');
      const ours = await parseLayerFile('roads', name, bytes, {});
      expect(gdal).toHaveLength(ours.records.length);
      const byId = new Map(ours.records.map((r) => [r.id, r]));
      for (const feature of gdal) {
        const road = byId.get(`way/${feature.properties.osm_id}`);
        expect(road, `way ${feature.properties.osm_id}`).toBeDefined();
        expect(road!.highway).toBe(feature.properties.highway);
        const coordinates = feature.geometry!.coordinates as number[][];
        expect(road!.geometry.coordinates).toHaveLength(coordinates.length);
        road!.geometry.coordinates.forEach(([lon, lat], i) => {
          expect(Math.abs(lon - coordinates[i][0])).toBeLessThan(1e-9);
          expect(Math.abs(lat - coordinates[i][1])).toBeLessThan(1e-9);
        });
      }
    }
  });

  it('ways referencing nodes missing from the extract are skipped with the reason; other ways are counted', async () => {
    const cut = gothenburg(50);
    const dropped = cut.ways[3].refs[1];
    cut.nodes.delete(dropped);
    cut.ways.push({ id: 99, refs: cut.ways[0].refs.slice(0, 2), tags: { building: 'yes' } });
    for (const [name, bytes] of [
      ['cut.osm', new TextEncoder().encode(osmXml(cut))],
      ['cut.osm.pbf', osmPbf(cut)],
    ] as const) {
      const parsed = await parseLayerFile('roads', name, bytes, {});
      const users = cut.ways.filter((w) => w.tags.highway !== undefined && w.refs.includes(dropped));
      expect(parsed.records).toHaveLength(50 - users.length);
      expect(parsed.skippedCount).toBe(users.length + 1);
      expect(parsed.skipped[0]).toEqual({ reason: '1 ways without a highway tag are not roads' });
      expect(parsed.skipped[1].reason).toBe(`way ${cut.ways[3].id} references node ${dropped}, which is not in the file (cut off at the extract's border?)`);
    }
  });

  it('broken files: cut-off XML, a bad coordinate, a truncated PBF, other layers', async () => {
    const text = osmXml(gothenburg(20));
    const cut = await rejection(parseLayerFile('roads', 'cut.osm', new TextEncoder().encode(text.slice(0, text.length - 200)), {}));
    expect(cut).toBeInstanceOf(InputError);
    expect(cut.message).toMatch(/^cut\.osm: not valid OSM XML \(line \d+, column \d+\): /);
    const badLat = text.replace(/lat="[^"]+"/, 'lat="95.2"');
    const lat = await rejection(parseLayerFile('roads', 'bad.osm', new TextEncoder().encode(badLat), {}));
    expect(lat.message).toBe('bad.osm, field lat: node 1: lat="95.2" is not a number in [-90, 90] (expected a lat in [-90, 90])');
    const bytes = osmPbf(gothenburg(20));
    const truncated = await rejection(parseLayerFile('roads', 'cut.osm.pbf', bytes.subarray(0, bytes.length - 100), {}));
    expect(truncated.message).toMatch(/^cut\.osm\.pbf: corrupt OSM PBF at blob 2 \(byte \d+\): the file ends inside blob 2 \(OSMData\): it is cut off/);
    const flipped = new Uint8Array(bytes);
    for (let i = 200; i < 260; i++) flipped[i] ^= 0xff;
    const corrupt = await rejection(parseLayerFile('roads', 'flipped.osm.pbf', flipped, {}));
    expect(corrupt.message).toMatch(/^flipped\.osm\.pbf: corrupt OSM PBF at blob \d+/);
    const facilities = await rejection(parseLayerFile('facilities', 'g.osm', new TextEncoder().encode(text), { kind: 'other' }));
    expect(facilities.message).toBe('g.osm, field layer: OpenStreetMap files can only be imported into the roads layer, not facilities (expected roads)');
  });
});
