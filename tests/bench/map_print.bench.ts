/**
 * `siting map` on the whole Wuhan 60+ grid (494,676 cells, wuhan_pop60plus_100m.tif) with the sample's
 * five illustrative facilities: an A4 PDF of the whole grid (target ≤ 3 s) and an atlas of ten
 * ILLUSTRATIVE street units — a 5 × 2 tiling of the grid's extent drawn here, not real streets — as one
 * ten-page PDF (target ≤ 15 s), each as one whole CLI process. Reference in the same run: a process
 * that only opens the project (`siting info`), and, in this process, the grid image's encoding and PDF
 * embedding as they are (an 8-bit palette PNG, passed through by pdfkit) against the path they replaced
 * (an RGBA PNG, whose colours and alpha pdfkit decodes, splits and deflates again). Each process's CPU
 * time (user + system, GNU time) is shown beside its wall time, as the machine may be shared.
 * Wall times are reported, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { ImageItem } from '../../shared/print/display_list';
import { encodePng } from '../../shared/print/png_encode';
import { paper } from '../../shared/print/paper';
import { composeSheet } from '../../shared/print/sheet';
import { writePdf } from '../../electron/services/print/pdf_writer';
import { withProject } from '../../electron/cli/open_project';
import { REPO_ROOT, SAMPLE_DIR, tempDir } from '../helpers/paths';
import { testData } from '../helpers/test_data';
import { median, printTable, timeRuns } from './bench_util';

const RUNS = 3;
const SITING = join(REPO_ROOT, 'bin', 'siting.mjs');

/** GNU time, when the machine has it: the process's CPU time next to its wall time (the machine may be shared). */
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function siting(args: string[]): { ms: number; cpuMs: number | null; stdout: string } {
  const command = TIME ? [TIME, '-f', 'cpu %U %S', process.execPath, SITING, ...args] : [process.execPath, SITING, ...args];
  const started = performance.now();
  const run = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`siting ${args.join(' ')}: ${run.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(run.stderr);
  return { ms, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null, stdout: run.stdout };
}

function processMedians(args: string[]): { 'median ms': number; 'median CPU ms': number | string } {
  const runs = Array.from({ length: RUNS }, () => siting(args));
  const cpu = runs.map((run) => run.cpuMs).filter((ms): ms is number => ms !== null);
  return { 'median ms': median(runs.map((run) => run.ms)), 'median CPU ms': cpu.length > 0 ? median(cpu) : 'n/a' };
}

/** ILLUSTRATIVE units: the grid's extent cut into 5 columns × 2 rows (not real streets). */
function illustrativeUnits(): object {
  const [west, south, east, north] = [113.692, 29.972, 115.077, 31.362];
  const features = [];
  for (let row = 0; row < 2; row++) {
    for (let column = 0; column < 5; column++) {
      const x0 = west + ((east - west) * column) / 5, x1 = west + ((east - west) * (column + 1)) / 5;
      const y0 = south + ((north - south) * row) / 2, y1 = south + ((north - south) * (row + 1)) / 2;
      features.push({
        type: 'Feature',
        properties: { name: `示意街道 ${row * 5 + column + 1} (illustrative)`, level: 'street' },
        geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

/** The grid image as the RGBA PNG the sheet used to carry (same pixels, transparent where no cell). */
function rgbaImage(image: ImageItem): ImageItem {
  const bytes = Buffer.from(image.png);
  let offset = 8, palette: Buffer | null = null;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'PLTE') palette = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const { widthPx: w, heightPx: h } = image;
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const index = raw[y * (w + 1) + 1 + x];
      if (index === 0) continue;
      rgba.set([palette![index * 3], palette![index * 3 + 1], palette![index * 3 + 2], 255], (y * w + x) * 4);
    }
  }
  return { ...image, png: encodePng(rgba, w, h) };
}

export default async function (): Promise<void> {
  const dir = tempDir('siting-bench-map-');
  const project = join(dir, 'wuhan.gpkg');
  siting(['new', project]);
  siting(['import', project, 'population', testData('wuhan/wuhan_pop60plus_100m.tif')]);
  siting(['import', project, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv'), '--illustrative']);
  writeFileSync(join(dir, 'units.geojson'), JSON.stringify(illustrativeUnits()));
  siting(['import', project, 'boundaries', join(dir, 'units.geojson')]);
  const cells = (JSON.parse(siting(['info', project, '--json']).stdout) as { counts: { population: number } }).counts.population;

  const a4 = join(dir, 'a4.pdf');
  const atlas = join(dir, 'atlas.pdf');
  const info = processMedians(['info', project]);
  const a4Run = processMedians(['map', project, '--out', a4]);
  const atlasRun = processMedians(['map', project, '--out', atlas, '--atlas', 'street']);
  const pages = (path: string) => Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout)?.[1] ?? NaN);
  printTable([
    { run: 'siting info (reference: start, open the project)', cells, pages: '', 'PDF KB': '', ...info, target: '' },
    { run: 'siting map, A4 PDF of the whole grid, 300 dpi', cells, pages: pages(a4), 'PDF KB': Math.round(statSync(a4).size / 1024), ...a4Run, target: '≤ 3000' },
    { run: 'siting map --atlas street (10 illustrative units)', cells, pages: pages(atlas), 'PDF KB': Math.round(statSync(atlas).size / 1024), ...atlasRun, target: '≤ 15000' },
  ]);

  // In this process: the grid image encoded and embedded, as it is and as it was.
  await withProject(project, async (store) => {
    const input = {
      paper: paper('A4'), language: 'zh' as const, title: 'bench', purpose: 'internal' as const, mapDate: '2026-12-07', sources: [], dpi: 300,
      boundaries: [], facilities: [], population: { grid: store.loadDemandGrid(), cellSize: store.populationCellSize() },
    };
    const sheet = composeSheet(input);
    const clip = sheet.drawing.items.find((item) => item.kind === 'clip');
    const image = (clip?.kind === 'clip' ? clip.items.find((item) => item.kind === 'image') : undefined) as ImageItem;
    const composeMs = median(await timeRuns(() => composeSheet(input), RUNS));
    const page = (png: ImageItem) => ({ ...sheet.drawing, items: [png] });
    const oldImage = rgbaImage(image);
    const encodeOldMs = median(await timeRuns(() => rgbaImage(image), RUNS));
    const pdfNewMs = median(await timeRuns(() => writePdf([page(image)], { title: 'bench' }), RUNS));
    const pdfOldMs = median(await timeRuns(() => writePdf([page(oldImage)], { title: 'bench' }), RUNS));
    const pdfNew = await writePdf([page(image)], { title: 'bench' });
    const pdfOld = await writePdf([page(oldImage)], { title: 'bench' });
    const pixels = image.widthPx * image.heightPx;
    console.log('');
    printTable([
      { step: 'composeSheet (classes, grid image pixels, palette PNG)', pixels, 'PNG KB': Math.round(image.png.length / 1024), 'PDF KB': '', 'median ms': composeMs },
      { step: 'writePdf of the grid image as a palette PNG (now)', pixels, 'PNG KB': Math.round(image.png.length / 1024), 'PDF KB': Math.round(pdfNew.length / 1024), 'median ms': pdfNewMs },
      { step: 'reference: the same pixels to an RGBA PNG (decode + encode)', pixels, 'PNG KB': Math.round(oldImage.png.length / 1024), 'PDF KB': '', 'median ms': encodeOldMs },
      { step: 'reference: writePdf of the RGBA PNG (before)', pixels, 'PNG KB': Math.round(oldImage.png.length / 1024), 'PDF KB': Math.round(pdfOld.length / 1024), 'median ms': pdfOldMs },
    ]);
  });
}
