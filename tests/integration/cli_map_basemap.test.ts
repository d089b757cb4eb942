/**
 * `siting map` with the optional basemap, and the offline context (roads) without it. A local tile
 * server on 127.0.0.1 serves a test pattern: each tile one colour from its column and row
 * (tests/helpers/tile_server.ts). The place of a lon/lat on the page is computed here from the JSON's
 * extent and frame with proj4, its tile at the zoom the server was asked for with the Web Mercator
 * formulas written out, and the rendered page's pixel there (pdftoppm) must be that tile's colour —
 * also for GCJ-02 tiles, looked up at the GCJ-02 position of the point. An unreachable server refuses
 * the print (exit 2, reason, host named) and writes nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportMap } from '../../electron/services/print/map_export';
import { ProjectStore } from '../../electron/services/store/project_store';
import { causeOf } from '../../shared/errors';
import { wgs84ToGcj02 } from '../../shared/geodesy/gcj02';
import { MAX_BASEMAP_TILES } from '../../shared/print/basemap_raster';
import { tempDir } from '../helpers/paths';
import { GK_CM114, rasterise } from '../helpers/print_page';
import { runCli } from '../helpers/run_cli';
import { startTileServer, tileColour, type TileServer } from '../helpers/tile_server';

/** A rectangle over central Wuhan, the project's one boundary (it sets the frame). */
const [WEST, SOUTH, EAST, NORTH] = [114.25, 30.52, 114.35, 30.6];
const DPI = 150;

let dir: string;
let project: string;
let server: TileServer;

beforeAll(async () => {
  dir = tempDir('siting-basemap-');
  project = join(dir, 'p.gpkg');
  expect(runCli(['new', project]).status).toBe(0);
  const ring = [[WEST, SOUTH], [EAST, SOUTH], [EAST, NORTH], [WEST, NORTH], [WEST, SOUTH]];
  writeFileSync(join(dir, 'b.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '示意区 (illustrative)', level: 'district' }, geometry: { type: 'Polygon', coordinates: [ring] } }] }));
  expect(runCli(['import', project, 'boundaries', join(dir, 'b.geojson')]).status).toBe(0);
  // Two OpenStreetMap ways near the south edge (outside the part of the frame the pixels are checked in).
  const roadLat = SOUTH + 0.004;
  writeFileSync(
    join(dir, 'roads.osm'),
    `<?xml version="1.0"?><osm version="0.6"><node id="1" lat="${roadLat}" lon="${WEST + 0.01}"/><node id="2" lat="${roadLat}" lon="${EAST - 0.01}"/><node id="3" lat="${roadLat + 0.003}" lon="${EAST - 0.01}"/>` +
      '<way id="10"><nd ref="1"/><nd ref="2"/><tag k="highway" v="primary"/></way><way id="11"><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way></osm>',
  );
  const roads = runCli(['import', project, 'roads', join(dir, 'roads.osm')]);
  expect(roads.status, roads.stderr).toBe(0);
  server = await startTileServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

interface Page {
  mapFrameMm: number[];
  extent: number[];
}

/** Global Web Mercator pixel of a lon/lat at zoom z (256-px tiles), written out. */
function worldPixel(lon: number, lat: number, z: number): [number, number] {
  const size = 256 * 2 ** z;
  const phi = (lat * Math.PI) / 180;
  return [((lon + 180) / 360) * size, ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * size];
}

/**
 * Points on a 7 × 7 lattice over the middle of the frame (clear of the boundary outline, the roads, the
 * north arrow and the scale bar): their page place, and the colour of the tile under them — skipping
 * points within 2 tile pixels of a tile's edge.
 */
function expectedPixels(page: Page, zoom: number, shift: (lon: number, lat: number) => [number, number]): Array<{ xMm: number; yMm: number; rgb: [number, number, number] }> {
  const [fx, fy, fw, fh] = page.mapFrameMm;
  const unitsPerMm = (page.extent[2] - page.extent[0]) / fw;
  const out: Array<{ xMm: number; yMm: number; rgb: [number, number, number] }> = [];
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j < 7; j++) {
      const xMm = fx + fw * (0.15 + (0.7 * i) / 6);
      const yMm = fy + fh * (0.18 + (0.6 * j) / 6);
      const [lon, lat] = proj4(GK_CM114, 'WGS84', [page.extent[0] + (xMm - fx) * unitsPerMm, page.extent[3] - (yMm - fy) * unitsPerMm]);
      const [px, py] = worldPixel(...shift(lon, lat), zoom);
      const [tx, ty] = [Math.floor(px / 256), Math.floor(py / 256)];
      if (Math.min(px - tx * 256, (tx + 1) * 256 - px, py - ty * 256, (ty + 1) * 256 - py) < 2) continue;
      out.push({ xMm, yMm, rgb: tileColour(tx, ty) });
    }
  }
  return out;
}

function pixelAt(raster: { width: number; rgb: Buffer }, xMm: number, yMm: number): [number, number, number] {
  const o = (Math.floor((yMm / 25.4) * DPI) * raster.width + Math.floor((xMm / 25.4) * DPI)) * 3;
  return [raster.rgb[o], raster.rgb[o + 1], raster.rgb[o + 2]];
}

function zoomOf(requests: readonly string[]): number {
  const zooms = new Set(requests.map((r) => Number(r.split('/')[1])));
  expect(zooms.size).toBe(1);
  return [...zooms][0];
}

describe('offline (no basemap): the roads give context', () => {
  it('draws no basemap, fetches nothing, lists the roads in the legend and credits OpenStreetMap', async () => {
    const pdf = join(dir, 'offline.pdf');
    const before = server.requests.length;
    const run = runCli(['map', project, '--out', pdf, '--lang', 'en', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(server.requests.length).toBe(before);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Roads');
    expect(text).toContain('Roads © OpenStreetMap contributors, ODbL 1.0');
    expect(text).not.toContain('Basemap');
    // the road's grey line lies where its lon/lat fall on the page (the middle of the first way)
    const page = run.json.pages[0] as Page;
    const [x, y] = proj4('WGS84', GK_CM114, [(WEST + EAST) / 2, SOUTH + 0.004]);
    const unitsPerMm = (page.extent[2] - page.extent[0]) / page.mapFrameMm[2];
    const xMm = page.mapFrameMm[0] + (x - page.extent[0]) / unitsPerMm;
    const yMm = page.mapFrameMm[1] + (page.extent[3] - y) / unitsPerMm;
    const raster = rasterise(pdf, 300);
    const pxPerMm = 300 / 25.4;
    // a darker pixel (the grey line) within 0.3 mm of the computed place, white 1 mm away
    const column = Math.floor(xMm * pxPerMm);
    const grey = (row: number) => raster.rgb[(row * raster.width + column) * 3];
    const near = Array.from({ length: 7 }, (_, k) => grey(Math.floor(yMm * pxPerMm) - 3 + k));
    expect(Math.min(...near)).toBeLessThan(220);
    expect(grey(Math.floor((yMm - 1) * pxPerMm))).toBe(255);
  }, 60_000);
});

describe('with a tile basemap (test pattern from a local server)', () => {
  let page: Page;
  let pdf: string;
  let zoom: number;
  let tileCount: number;
  beforeAll(async () => {
    pdf = join(dir, 'basemap.pdf');
    server.requests.length = 0;
    const store = ProjectStore.open(project);
    try {
      const result = await exportMap(store, { out: pdf, dpi: DPI, language: 'en', basemap: server.template, basemapAttribution: 'Test pattern tiles (local server)' });
      page = result.pages[0];
    } finally {
      store.close();
    }
    zoom = zoomOf(server.requests);
    tileCount = server.requests.length;
  }, 60_000);

  it('fetches each tile once, at the zoom whose pixels are no coarser than the print', () => {
    expect(new Set(server.requests).size).toBe(tileCount);
    expect(tileCount).toBeLessThanOrEqual(MAX_BASEMAP_TILES);
    // ground metres of a printed pixel against a tile pixel at this zoom and one zoom coarser
    const printedM = ((page.extent[2] - page.extent[0]) / page.mapFrameMm[2]) * (25.4 / DPI);
    const tileM = (z: number) => (156_543.034 * Math.cos((((SOUTH + NORTH) / 2) * Math.PI) / 180)) / 2 ** z;
    expect(tileM(zoom)).toBeLessThanOrEqual(printedM);
    expect(tileM(zoom - 1)).toBeGreaterThan(printedM);
  });

  it("draws each tile's colour where its lon/lat falls on the page", () => {
    const raster = rasterise(pdf, DPI);
    const points = expectedPixels(page, zoom, (lon, lat) => [lon, lat]);
    expect(points.length).toBeGreaterThan(30);
    for (const point of points) expect(pixelAt(raster, point.xMm, point.yMm), `at ${point.xMm.toFixed(1)}, ${point.yMm.toFixed(1)} mm`).toEqual(point.rgb);
  });

  it('credits the basemap and notes its reprojection', () => {
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Test pattern tiles (local server)');
    expect(text).toContain('Basemap: Web Mercator tiles reprojected');
    expect(text).not.toContain('GCJ-02');
  });

  it('steps the zoom down to stay within a tile limit', async () => {
    server.requests.length = 0;
    const store = ProjectStore.open(project);
    try {
      await exportMap(store, { out: join(dir, 'few.pdf'), dpi: DPI, basemap: server.template, basemapMaxTiles: 6 });
    } finally {
      store.close();
    }
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.length).toBeLessThanOrEqual(6);
    expect(zoomOf(server.requests)).toBeLessThan(zoom);
  }, 60_000);
});

describe('with GCJ-02 tiles (AutoNavi-style)', () => {
  it('looks every point up at its GCJ-02 position, and warns in the notes', async () => {
    const pdf = join(dir, 'gcj.pdf');
    server.requests.length = 0;
    const store = ProjectStore.open(project);
    let page: Page;
    try {
      page = (await exportMap(store, { out: pdf, dpi: DPI, basemap: server.template, basemapCrs: 'gcj02', language: 'zh' })).pages[0];
    } finally {
      store.close();
    }
    const zoom = zoomOf(server.requests);
    const points = expectedPixels(page, zoom, wgs84ToGcj02);
    // the shift is hundreds of metres: many points take another tile than unshifted
    const plain = expectedPixels(page, zoom, (lon, lat) => [lon, lat]);
    expect(points.filter((p) => !plain.some((q) => q.xMm === p.xMm && q.yMm === p.yMm && q.rgb.join() === p.rgb.join())).length).toBeGreaterThan(5);
    const raster = rasterise(pdf, DPI);
    for (const point of points) expect(pixelAt(raster, point.xMm, point.yMm)).toEqual(point.rgb);
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('底图为GCJ-02坐标');
    expect(text).toContain(`底图${server.template.split('/')[2]}`);
  }, 120_000);
});

describe('refusals', () => {
  it('an unreachable tile server: exit 2 naming the host, nothing written', () => {
    const out = join(dir, 'offline-refused.pdf');
    const run = runCli(['map', project, '--out', out, '--basemap', 'http://127.0.0.1:9/{z}/{x}/{y}.png']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot be fetched from 127.0.0.1:9');
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('carry reasons: unreachable, no configured basemap, not a tile template, an atlas', async () => {
    const store = ProjectStore.open(project);
    const reasonOf = async (action: () => Promise<unknown>) => {
      try {
        await action();
      } catch (error) {
        return causeOf(error);
      }
      return undefined;
    };
    try {
      const out = join(dir, 'refused.pdf');
      expect(await reasonOf(() => exportMap(store, { out, basemap: 'http://127.0.0.1:9/{z}/{x}/{y}.png' }))).toMatchObject({ reason: 'print_basemap_unreachable', params: { host: '127.0.0.1:9' } });
      expect(await reasonOf(() => exportMap(store, { out, basemap: 'project' }))).toEqual({ reason: 'print_basemap_not_configured', params: {} });
      expect(await reasonOf(() => exportMap(store, { out, basemap: 'https://example.org/style.json' }))).toEqual({ reason: 'print_basemap_not_xyz', params: { url: 'https://example.org/style.json' } });
      expect(await reasonOf(() => exportMap(store, { out, basemap: 'project', atlas: 'district' }))).toEqual({ reason: 'print_basemap_atlas', params: {} });
      expect(existsSync(out)).toBe(false);
      // --basemap project reads the project's configured template
      store.updateSettings({ basemapUrl: server.template });
      server.requests.length = 0;
      await exportMap(store, { out: join(dir, 'project-basemap.svg'), basemap: 'project' });
      expect(server.requests.length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  }, 60_000);
});
