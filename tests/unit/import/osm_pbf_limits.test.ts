/**
 * Hostile .osm.pbf files (issue 10, defect 6): blobs built like the real Gothenburg ones
 * (osm_test_files.ts) whose zlib data or declared raw_size lies. Inflating stops at the declared
 * raw_size, raw_size is at most 32 MiB, and the declared sizes of all blobs together at most 1 GiB,
 * so a few MB of zlib can no longer grow to gigabytes; each refusal names the file and the blob.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors';
import { parseLayerFile } from '../../../electron/services/import/parse_layer_file';
import { readTestData } from '../../helpers/test_data';
import { rejection } from './import_test_paths';
import { concatBytes, osmFromGeoJson, osmPbfBlocks, pbfBlob } from './osm_test_files';

const MIB = 1024 * 1024;
/** The documented cap for all blobs of a file together (README, read_osm_pbf.ts). */
const GIB = 1024 * MIB;
const blocks = osmPbfBlocks(osmFromGeoJson(JSON.parse(readTestData('gothenburg_osm/gothenburg_ways.geojson').toString('utf8')), 200));
const headerBlob = pbfBlob('OSMHeader', blocks.header);

describe('OSM PBF inflating limits', () => {
  it('a blob whose zlib data inflates far beyond its raw_size is refused at raw_size, naming file and blob', async () => {
    // the real nodes block followed by 64 MiB of zeros: 64 KiB of zlib that declares only the block's size
    const payload = concatBytes([blocks.nodes, new Uint8Array(64 * MIB)]);
    const bomb = concatBytes([headerBlob, pbfBlob('OSMData', blocks.nodes, deflateSync(payload), blocks.nodes.length), pbfBlob('OSMData', blocks.ways)]);
    expect(bomb.length).toBeLessThan(200_000);
    const error = await rejection(parseLayerFile('roads', 'bomb.osm.pbf', bomb, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `bomb.osm.pbf: corrupt OSM PBF at blob 1 (byte ${headerBlob.length}): zlib data inflates to more than the blob's raw_size of ${blocks.nodes.length} bytes ` +
        '(inflating stopped there) (expected a complete .osm.pbf file)',
    );
  });

  it('a raw_size above the format limit of 32 MiB is refused before inflating', async () => {
    const huge = 2 ** 40;
    const file = concatBytes([headerBlob, pbfBlob('OSMData', blocks.nodes, deflateSync(blocks.nodes), huge)]);
    const error = await rejection(parseLayerFile('roads', 'huge.osm.pbf', file, {}));
    expect(error.message).toBe(
      `huge.osm.pbf: corrupt OSM PBF at blob 1 (byte ${headerBlob.length}): raw_size ${huge} is more than the ${32 * MIB} bytes (32 MiB) a blob may hold ` +
        '(expected a complete .osm.pbf file)',
    );
  });

  it('blobs declaring more than 1 GiB together are refused before any of them inflates', async () => {
    // 40 blobs of about 2 KiB on disk that each declare the largest allowed raw_size
    const small = deflateSync(blocks.nodes);
    const dataBlob = pbfBlob('OSMData', blocks.nodes, small, 32 * MIB);
    const file = concatBytes([headerBlob, ...Array.from({ length: 40 }, () => dataBlob)]);
    const crossing = 32; // header + 32 × 32 MiB is the first total above 1 GiB
    expect(blocks.header.length + crossing * 32 * MIB).toBeGreaterThan(GIB);
    expect(blocks.header.length + (crossing - 1) * 32 * MIB).toBeLessThanOrEqual(GIB);
    const error = await rejection(parseLayerFile('roads', 'many.osm.pbf', file, {}));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `many.osm.pbf: the blobs would inflate to more than ${GIB} bytes (1 GiB): blob ${crossing} ` +
        `(byte ${headerBlob.length + (crossing - 1) * dataBlob.length}) brings the declared raw sizes to ${blocks.header.length + crossing * 32 * MIB} bytes; ` +
        `cut a smaller extract (e.g. osmium extract --bbox) (expected an .osm.pbf of at most ${GIB} bytes uncompressed)`,
    );
  });

  it('the honest file made of the same blocks still reads', async () => {
    const file = concatBytes([headerBlob, pbfBlob('OSMData', blocks.nodes), pbfBlob('OSMData', blocks.ways)]);
    const parsed = await parseLayerFile('roads', 'ok.osm.pbf', file, {});
    expect(parsed.records).toHaveLength(200);
  });
});
