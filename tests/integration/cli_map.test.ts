/**
 * `siting map` on the Wuhan core sample with its illustrative facilities: the PDF's page size, fonts and
 * text (poppler's pdfinfo, pdffonts, pdftotext), every facility symbol found in the rendered page
 * (pdftoppm) within 1 mm of the place computed from the JSON's extent and frame with proj4, the scale
 * bar's drawn length against the scale, and the PNG with its world file.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { colourCentre, placeOnPage, rasterise } from '../helpers/print_page';
import { runCli } from '../helpers/run_cli';
import Database from 'better-sqlite3';

/** Kind colours of the app's map (FACILITY_KIND_COLORS), written out here. */
const KIND_RGB: Record<string, [number, number, number]> = { day_care: [0x1f, 0x78, 0xb4], community_station: [0x1b, 0x9e, 0x77], health_station: [0xe7, 0x29, 0x8a] };

interface Facility {
  name: string;
  kind: string;
  lon: number;
  lat: number;
}

function sampleFacilities(): Facility[] {
  const [header, ...lines] = readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv'), 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  return lines.map((line) => {
    const v = line.split(',');
    return { name: v[columns.indexOf('name')], kind: v[columns.indexOf('kind')], lon: +v[columns.indexOf('lon')], lat: +v[columns.indexOf('lat')] };
  });
}

let dir: string;
let project: string;

beforeAll(() => {
  dir = tempDir('siting-map-');
  project = join(dir, 'wuhan.gpkg');
  expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
  expect(runCli(['import', project, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv'), '--illustrative']).status).toBe(0);
}, 60_000);

describe('siting map to PDF (A4 portrait, Chinese)', () => {
  let pdf: string;
  let page: { paperMm: number[]; mapFrameMm: number[]; crs: string; extent: number[]; scaleDenominator: number; title: string };
  beforeAll(() => {
    pdf = join(dir, 'map.pdf');
    const run = runCli(['map', project, '--out', pdf, '--title', '武汉中心城区养老服务设施布局图', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.out).toEqual([pdf]);
    expect(run.json.pages).toHaveLength(1);
    page = run.json.pages[0];
  }, 60_000);

  it('reports the page and is an A4 page', () => {
    expect(page.paperMm).toEqual([210, 297]);
    expect(page.crs).toBe('EPSG:4547');
    expect(page.title).toBe('武汉中心城区养老服务设施布局图');
    const [x, y, w, h] = page.mapFrameMm;
    expect(x).toBeGreaterThanOrEqual(10);
    expect(y + h).toBeLessThanOrEqual(287);
    // the extent maps linearly onto the frame at the reported scale, the same in x and y
    expect(((page.extent[2] - page.extent[0]) / w) * 1000).toBeCloseTo(page.scaleDenominator, 6);
    expect(((page.extent[3] - page.extent[1]) / h) * 1000).toBeCloseTo(page.scaleDenominator, 6);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+595\.27\d* x 841\.8\d* pts \(A4\)/);
  });

  it('embeds every font', () => {
    const rows = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const row of rows) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/); // emb sub uni
  });

  it('has the title, legend entries, CRS note, sources and the internal stamp as text', () => {
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const words of ['武汉中心城区养老服务设施布局图', '图例', '每格老年人口（60 岁以上）', '日间照料中心', '社区养老服务站', '社区卫生服务站', '2000国家大地坐标系', 'EPSG:4547', '仅供规划工作使用，不作公开出版', 'WorldPop', 'OpenStreetMap']) {
      expect(text).toContain(words);
    }
    expect(text).toContain(`1:${page.scaleDenominator.toLocaleString('en-US')}`);
    // The facility list's source and its date: when the list last changed in the project (the import).
    const db = new Database(project, { readonly: true });
    const changed = (db.prepare("SELECT last_change FROM gpkg_contents WHERE table_name = 'facilities'").get() as { last_change: string }).last_change;
    db.close();
    expect(text.replace(/\s+/g, '')).toContain(`养老设施:illustrative,notarealfacility（项目中更新于${changed.slice(0, 10)}）`);
    expect(text).not.toContain('行政边界'); // the city boundary encloses the frame: nothing drawn, no legend entry
  });

  it('draws every facility symbol within 1 mm of its place computed from extent and frame', () => {
    const dpi = 200;
    const raster = rasterise(pdf, dpi);
    for (const facility of sampleFacilities()) {
      const [expectedX, expectedY] = placeOnPage(page, facility.lon, facility.lat);
      const found = colourCentre(raster, dpi, [expectedX, expectedY], KIND_RGB[facility.kind]);
      expect(found.count, facility.name).toBeGreaterThan(20);
      expect(Math.hypot(found.xMm - expectedX, found.yMm - expectedY), facility.name).toBeLessThan(1);
    }
  });

  it('draws a scale bar of a 1-2-5 length whose paper length matches the scale', () => {
    const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
    const words = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: +m[1] * (25.4 / 72), y0: +m[2] * (25.4 / 72), x1: +m[3] * (25.4 / 72), text: m[5],
    }));
    const km = words.find((w) => w.text === 'km')!;
    const labels = words.filter((w) => Math.abs(w.y0 - km.y0) < 0.5 && w.x1 < km.x0);
    const zero = labels.find((w) => w.text === '0')!;
    const end = labels.filter((w) => /^\d+$/.test(w.text)).sort((a, b) => b.x0 - a.x0)[0];
    const lengthKm = Number(end.text);
    expect([1, 2, 5, 10, 20, 50]).toContain(lengthKm);
    // "0" is centred on the bar's start, the end label starts at the bar's end
    const drawnMm = end.x0 - (zero.x0 + zero.x1) / 2;
    expect(drawnMm).toBeCloseTo((lengthKm * 1_000_000) / page.scaleDenominator, 0);
    expect(Math.abs(drawnMm - (lengthKm * 1_000_000) / page.scaleDenominator)).toBeLessThan(0.3);
  });
});

describe('siting map in English, other papers and formats', () => {
  it('writes an A1 landscape public map in English and warns that the 审图号 is empty', () => {
    const pdf = join(dir, 'a1.pdf');
    const run = runCli(['map', project, '--out', pdf, '--paper', 'A1', '--orientation', 'landscape', '--lang', 'en', '--purpose', 'public', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.pages[0].paperMm).toEqual([841, 594]);
    expect(run.json.warnings).toEqual(['a public map needs its map-review number (审图号); the field is empty']);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Page size:\s+2383\.9\d* x 1683\.7\d* pts \(A1\)/);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    for (const words of ['Elderly-care facilities: wuhan', 'Legend', 'Older people (60+) per cell', 'Day-care centre', 'Community care station', 'Community health station', 'Coordinate system: CGCS2000', 'EPSG:4547', 'Map review no. (审图号):']) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('仅供规划工作使用');
  });

  it('writes a PNG at the chosen dpi with a world file of the page', () => {
    const png = join(dir, 'map.png');
    const run = runCli(['map', project, '--out', png, '--dpi', '100', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.out).toEqual([png, join(dir, 'map.pgw')]);
    const bytes = readFileSync(png);
    const widthPx = Math.round((210 / 25.4) * 100);
    expect(bytes.readUInt32BE(16)).toBe(widthPx); // IHDR width
    expect(bytes.readUInt32BE(20)).toBe(Math.round((widthPx * 297) / 210)); // resvg keeps the page's aspect
    const [a, , , e, c, f] = readFileSync(join(dir, 'map.pgw'), 'utf8').trim().split('\n').map(Number);
    const { mapFrameMm, extent } = run.json.pages[0];
    const unitsPerMm = (extent[2] - extent[0]) / mapFrameMm[2];
    expect(a).toBeCloseTo((unitsPerMm * 210) / Math.round((210 / 25.4) * 100), 4);
    expect(e).toBeCloseTo(-a, 9);
    // the frame's top-left corner, from the world file, is the extent's top-left corner
    expect(c - a / 2 + mapFrameMm[0] * unitsPerMm).toBeCloseTo(extent[0], 3);
    expect(f - e / 2 - mapFrameMm[1] * unitsPerMm).toBeCloseTo(extent[3], 3);
  });

  it('writes an SVG in page millimetres', () => {
    const svg = join(dir, 'map.svg');
    expect(runCli(['map', project, '--out', svg]).status).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg [^>]*width="210mm" height="297mm" viewBox="0 0 210 297"/);
    expect(text).toContain('示意日间照料中心 A (illustrative)');
  });

  it('refuses an unknown format or paper with exit code 2', () => {
    expect(runCli(['map', project, '--out', join(dir, 'map.jpg')]).status).toBe(2);
    expect(runCli(['map', project, '--out', join(dir, 'map.pdf'), '--paper', 'B5']).status).toBe(2);
  });
});
