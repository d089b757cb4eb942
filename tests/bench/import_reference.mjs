/**
 * The plain reference process of the import bench (import.bench.ts): reads the same input as the
 * import into typed arrays with nothing else — no checks beyond the numbers, no project.
 *
 *   node tests/bench/import_reference.mjs csv grid.csv          # hand split: header, then lines
 *   node tests/bench/import_reference.mjs bands a.tif b.tif ... # geotiff.js, bands summed per cell
 *
 * Prints one JSON line: rows (or valid cells) and a checksum, so the bench sees it read everything.
 */
import { readFileSync } from 'node:fs';
import { fromArrayBuffer } from 'geotiff';

const [mode, ...files] = process.argv.slice(2);

function csv(file) {
  const text = readFileSync(file, 'utf8');
  const end = text.indexOf('\n');
  const header = text.slice(0, end).trim().split(',');
  const at = (name) => header.indexOf(name);
  const columns = ['lon', 'lat', 'pop20plus', 'pop60plus', 'pop65plus', 'pop80plus'].map(at);
  const id = at('cell_id');
  let capacity = 1 << 16;
  let values = columns.map(() => new Float64Array(capacity));
  let ids = new Float64Array(capacity);
  let rows = 0;
  for (let start = end + 1; start < text.length; ) {
    let stop = text.indexOf('\n', start);
    if (stop < 0) stop = text.length;
    const cells = text.slice(start, stop).split(',');
    start = stop + 1;
    if (cells.length < header.length) continue;
    if (rows === capacity) {
      capacity *= 2;
      values = values.map((v) => {
        const grown = new Float64Array(capacity);
        grown.set(v);
        return grown;
      });
      const grownIds = new Float64Array(capacity);
      grownIds.set(ids);
      ids = grownIds;
    }
    for (let c = 0; c < columns.length; c++) values[c][rows] = Number(cells[columns[c]]);
    ids[rows] = Number(cells[id]);
    rows++;
  }
  let checksum = 0;
  for (const v of values) for (let i = 0; i < rows; i++) checksum += v[i];
  return { rows, checksum };
}

async function bands(paths) {
  let sum = null;
  let valid = null;
  for (const path of paths) {
    const bytes = readFileSync(path);
    const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength))).getImage(0);
    const noData = image.getGDALNoData();
    const [band] = await image.readRasters({ interleave: false });
    sum ??= new Float64Array(band.length);
    valid ??= new Uint8Array(band.length);
    for (let i = 0; i < band.length; i++) {
      const v = band[i];
      if (Number.isNaN(v) || (noData !== null && v === Math.fround(noData)) || v <= -1e30) continue;
      sum[i] += v;
      valid[i] = 1;
    }
  }
  let rows = 0;
  let checksum = 0;
  for (let i = 0; i < sum.length; i++) {
    if (!valid[i]) continue;
    rows++;
    checksum += sum[i];
  }
  return { rows, checksum };
}

const result = mode === 'csv' ? csv(files[0]) : mode === 'bands' ? await bands(files) : null;
if (!result) {
  console.error('usage: import_reference.mjs csv <file> | bands <file> ...');
  process.exit(2);
}
console.log(JSON.stringify(result));
