/**
 * `siting import` on hostile files (issue 10, defects 6 and 9): an .osm.pbf zlib bomb, a KML with
 * 5,000 nested folders and a CSV with 100,000 columns each exit 2 with a short message naming the
 * file and the place, and leave the project empty.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { readTestData } from '../helpers/test_data';
import { concatBytes, osmFromGeoJson, osmPbfBlocks, pbfBlob } from '../unit/import/osm_test_files';

describe('siting import refuses hostile files with exit 2 and a message naming the place', () => {
  const dir = tempDir('siting-import-limits-');
  const project = join(dir, 'limits.gpkg');
  const counts = () => runCli(['info', project, '--json']).json.counts as Record<string, number>;

  beforeAll(() => {
    expect(runCli(['new', project]).status).toBe(0);
  });

  it('an .osm.pbf whose 65 KB of zlib would inflate to 64 MiB stops at the raw_size of the blob', () => {
    const blocks = osmPbfBlocks(osmFromGeoJson(JSON.parse(readTestData('gothenburg_osm/gothenburg_ways.geojson').toString('utf8')), 100));
    const header = pbfBlob('OSMHeader', blocks.header);
    const bomb = deflateSync(concatBytes([blocks.nodes, new Uint8Array(64 * 1024 * 1024)]));
    const file = join(dir, 'bomb.osm.pbf');
    writeFileSync(file, concatBytes([header, pbfBlob('OSMData', blocks.nodes, bomb, blocks.nodes.length), pbfBlob('OSMData', blocks.ways)]));
    const run = runCli(['import', project, 'roads', file, '--json']);
    expect(run.status).toBe(2);
    expect(run.json.error).toMatchObject({ code: 'bad_input', location: { file: 'bomb.osm.pbf' } });
    expect(run.json.error.message).toBe(
      `bomb.osm.pbf: corrupt OSM PBF at blob 1 (byte ${header.length}): zlib data inflates to more than the blob's raw_size of ${blocks.nodes.length} bytes ` +
        '(inflating stopped there) (expected a complete .osm.pbf file)',
    );
    expect(counts().roads).toBe(0);
  });

  it('a KML with 5,000 nested folders names the depth and the line instead of overflowing the stack', () => {
    const file = join(dir, 'deep.kml');
    const placemark = '<Placemark><name>p</name><Point><coordinates>114.3,30.5</coordinates></Point></Placemark>';
    writeFileSync(file, `<?xml version="1.0"?>\n<kml><Document>\n${'<Folder>'.repeat(5000)}${placemark}${'</Folder>'.repeat(5000)}</Document></kml>\n`);
    const run = runCli(['import', project, 'facilities', file, '--kind', 'day_care', '--json']);
    expect(run.status).toBe(2);
    expect(run.json.error).toMatchObject({ code: 'bad_input', location: { file: 'deep.kml', expected: 'at most 256 nested elements' } });
    // levels: kml, Document, 5,000 folders, Placemark, Point, coordinates; folder 255 is level 257
    expect(run.json.error.message).toBe(
      'deep.kml: elements are nested 5,005 levels deep (5,000 <Folder> inside each other); at most 256 levels are read, ' +
        `the first deeper element is <Folder> at line 3, column ${254 * '<Folder>'.length + 1} — move the placemarks into fewer nested folders ` +
        '(expected at most 256 nested elements)',
    );
    expect(counts().facilities).toBe(0);
  });

  it('a CSV with 100,000 columns and no kind column lists 12 of them and says how many more', () => {
    const file = join(dir, 'wide.csv');
    const columns = ['name', 'lon', 'lat', ...Array.from({ length: 99_997 }, (_, i) => `c${i + 3}`)];
    writeFileSync(file, `${columns.join(',')}\n${columns.map((c) => (c === 'lon' ? '114.3' : c === 'lat' ? '30.5' : 'x')).join(',')}\n`);
    const run = runCli(['import', project, 'facilities', file, '--json']);
    expect(run.status).toBe(2);
    expect(run.json.error).toMatchObject({ code: 'bad_input', location: { file: 'wide.csv', field: 'kind' } });
    expect(run.json.error.message).toBe(
      'wide.csv, field kind: no facility kind column found (looked for kind, type, 类型, 设施类型, 机构类型); ' +
        'map one with --map kind=<column> or give a default kind with --kind; ' +
        `columns: "name", "lon", "lat", ${Array.from({ length: 9 }, (_, i) => `"c${i + 3}"`).join(', ')} and 99,988 more`,
    );
    expect(counts().facilities).toBe(0);
  });
});
