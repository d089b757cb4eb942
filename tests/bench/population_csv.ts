/**
 * A seeded population grid CSV with the columns of the Wuhan sample (data/samples/wuhan-core/
 * wuhan_core_grid_100m.csv): cell_id,row,col,lon,lat,pop20plus,pop60plus,pop65plus,pop80plus, on a
 * lattice of 100 m cells (1/1200 degree, as the sample), `side` x `side` cells, every cell present.
 *
 *   writePopulationCsv(join(tmpdir(), 'grid.csv'), 1000, 1); // 1,000,000 rows, about 64 MB
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 } from './bench_util';

/** The sample's cell size in degrees (100 m cells of the WorldPop grid). */
const STEP = 1 / 1200;

export function writePopulationCsv(path: string, side: number, seed: number): { rows: number; bytes: number } {
  const random = mulberry32(seed);
  const fd = openSync(path, 'w');
  let bytes = 0;
  const write = (text: string) => {
    bytes += writeSync(fd, text);
  };
  try {
    write('cell_id,row,col,lon,lat,pop20plus,pop60plus,pop65plus,pop80plus\n');
    let chunk = '';
    for (let row = 0; row < side; row++) {
      for (let col = 0; col < side; col++) {
        const adults = random() * 120;
        const p60 = adults * (0.1 + 0.15 * random());
        const p65 = p60 * (0.55 + 0.2 * random());
        const p80 = p65 * (0.1 + 0.1 * random());
        const lon = 114.0 + (col + 0.5) * STEP;
        const lat = 30.9 - (row + 0.5) * STEP;
        chunk += `${row * side + col},${row},${col},${lon.toFixed(6)},${lat.toFixed(6)},${adults.toFixed(4)},${p60.toFixed(4)},${p65.toFixed(4)},${p80.toFixed(4)}\n`;
      }
      if (chunk.length > 1 << 20) {
        write(chunk);
        chunk = '';
      }
    }
    write(chunk);
  } finally {
    closeSync(fd);
  }
  return { rows: side * side, bytes };
}
