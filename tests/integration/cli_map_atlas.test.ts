/**
 * `siting map --atlas LEVEL`: one page per unit of a boundary level.
 *
 * - On the Wuhan core sample (real WorldPop cells) with its illustrative facilities (here with
 *   ILLUSTRATIVE bed numbers added by this test) and illustrative estates reviewed with `siting review`,
 *   over four ILLUSTRATIVE street units drawn by this test (irregular polygons tiling the core; the
 *   sample has no street polygons): each page's extent holds its unit, and its text (pdftotext -f N -l N)
 *   has the unit's name and figures equal to an independent computation here — older people summed
 *   over the exported cells whose centre turf.booleanPointInPolygon puts in the unit, the share of them
 *   within 1,000 m (turf.distance) of a day-care centre or community station, beds of the facilities in
 *   the unit per 1,000 of them, and the review verdicts of the estates in the unit.
 * - On the ten REAL Shenzhen district polygons (TransBigData): ten pages in name order, each extent
 *   holding its district; one file per district with "{unit}" in --out; a level the layer lacks is
 *   refused (exit 2) naming the levels it has.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import proj4 from 'proj4';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';

const GK_CM114 = '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

/** ILLUSTRATIVE street units over the Wuhan core (not real streets): four irregular polygons tiling the clip's extent. */
const CORE_UNITS: Array<{ name: string; ring: number[][] }> = [
  { name: '示意街道甲 (illustrative)', ring: [[114.2004, 30.6396], [114.2807, 30.6396], [114.2903, 30.6013], [114.2853, 30.5712], [114.2004, 30.5817], [114.2004, 30.6396]] },
  { name: '示意街道乙 (illustrative)', ring: [[114.2807, 30.6396], [114.3604, 30.6396], [114.3604, 30.5863], [114.2853, 30.5712], [114.2903, 30.6013], [114.2807, 30.6396]] },
  { name: '示意街道丙 (illustrative)', ring: [[114.2853, 30.5712], [114.3604, 30.5863], [114.3604, 30.4996], [114.3017, 30.4996], [114.2853, 30.5712]] },
  { name: '示意街道丁 (illustrative)', ring: [[114.2004, 30.5817], [114.2853, 30.5712], [114.3017, 30.4996], [114.2004, 30.4996], [114.2004, 30.5817]] },
];
/** ILLUSTRATIVE bed numbers for the sample's illustrative facilities (the health station records none). */
const BEDS: Record<string, string> = { 'demo-1': '60', 'demo-2': '45', 'demo-3': '20', 'demo-4': '30', 'demo-5': '' };

interface AtlasPage {
  paperMm: number[];
  mapFrameMm: number[];
  crs: string;
  extent: number[];
  scaleDenominator: number;
  title: string;
  unit: { name: string; level: string };
  page: number;
  figures: { elderly: number | null; coveredShare: number | null; bedsPer1000: number | null; reviews: Record<string, number> | null };
  file: string;
}

const group = (value: number) => Math.round(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pageText = (pdf: string, page: number) => execFileSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });

function csvRows(path: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const columns = header.split(',');
  // the sample files quote only fields with commas and none of the columns read here
  return lines.map((line) => {
    const values = line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((v) => v.replace(/,$/, '').replace(/^"|"$/g, ''));
    return Object.fromEntries(columns.map((c, i) => [c, values[i] ?? '']));
  });
}

/** The unit's outline projected into the page's CRS lies inside the page's extent. */
function expectExtentHolds(page: AtlasPage, geometry: Polygon | MultiPolygon) {
  expect(page.crs).toBe('EPSG:4547');
  const [minX, minY, maxX, maxY] = page.extent;
  for (const [lon, lat] of turf.coordAll(turf.feature(geometry))) {
    const [x, y] = proj4('WGS84', GK_CM114, [lon, lat]);
    expect(x, page.unit.name).toBeGreaterThan(minX);
    expect(x, page.unit.name).toBeLessThan(maxX);
    expect(y, page.unit.name).toBeGreaterThan(minY);
    expect(y, page.unit.name).toBeLessThan(maxY);
  }
  // the extent maps linearly onto the frame at the page's scale
  expect(((maxX - minX) / page.mapFrameMm[2]) * 1000).toBeCloseTo(page.scaleDenominator, 6);
  expect(((maxY - minY) / page.mapFrameMm[3]) * 1000).toBeCloseTo(page.scaleDenominator, 6);
}

describe('siting map --atlas street on the Wuhan core (illustrative units, facilities and estates)', () => {
  let dir: string;
  let project: string;
  let pdf: string;
  let pages: AtlasPage[];
  let out: string[];
  let verdicts: Map<string, string>;

  beforeAll(() => {
    dir = tempDir('siting-atlas-');
    project = join(dir, 'wuhan.gpkg');
    expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
    const facilities = readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv'), 'utf8').trim().split(/\r?\n/);
    const withBeds = [`${facilities[0]},beds`, ...facilities.slice(1).map((line) => `${line},${BEDS[line.split(',')[0]]}`)].join('\n');
    writeFileSync(join(dir, 'facilities.csv'), withBeds);
    expect(runCli(['import', project, 'facilities', join(dir, 'facilities.csv'), '--illustrative']).status).toBe(0);
    expect(runCli(['import', project, 'estates', join(SAMPLE_DIR, 'illustrative_estates.csv'), '--illustrative']).status).toBe(0);
    const units = { type: 'FeatureCollection', features: CORE_UNITS.map((u) => turf.polygon([u.ring], { name: u.name, level: 'street' })) };
    writeFileSync(join(dir, 'streets.geojson'), JSON.stringify(units));
    const imported = runCli(['import', project, 'boundaries', join(dir, 'streets.geojson'), '--append']);
    expect(imported.status, imported.stderr).toBe(0);
    const review = runCli(['review', project, '--json']);
    expect(review.status, review.stderr).toBe(0);
    verdicts = new Map(review.json.estates.map((e: { id: string; verdict: string }) => [e.id, e.verdict]));
    pdf = join(dir, 'atlas.pdf');
    const run = runCli(['map', project, '--out', pdf, '--atlas', 'street', '--json']);
    expect(run.status, run.stderr).toBe(0);
    pages = run.json.pages;
    out = run.json.out;
  }, 180_000);

  it('writes one PDF with one page per unit, in name order', () => {
    expect(out).toEqual([pdf]);
    expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/Pages:\s+4\n/);
    // 丙 bǐng, 丁 dīng, 甲 jiǎ, 乙 yǐ: the zh collation orders by pinyin
    expect(pages.map((p) => p.unit.name)).toEqual(['示意街道丙 (illustrative)', '示意街道丁 (illustrative)', '示意街道甲 (illustrative)', '示意街道乙 (illustrative)']);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3, 4]);
    for (const page of pages) {
      expect(page.paperMm).toEqual([210, 297]);
      expect(page.title).toBe(`${page.unit.name}养老服务设施布局图`);
      expect(page.file).toBe(pdf);
    }
  });

  it("zooms each page to its unit: the unit's outline lies inside the page's extent", () => {
    for (const page of pages) expectExtentHolds(page, turf.polygon([CORE_UNITS.find((u) => u.name === page.unit.name)!.ring]).geometry);
    // the units are smaller than the core: each page is at a larger scale than the whole core's 1:86,000
    for (const page of pages) expect(page.scaleDenominator).toBeLessThan(86_000);
  });

  it("prints each unit's name, page number and figures, equal to an independent computation", () => {
    const cellsCsv = join(dir, 'cells.csv');
    expect(runCli(['export', project, '--layer', 'population', '--out', cellsCsv]).status).toBe(0);
    const cells = csvRows(cellsCsv).map((r) => ({ point: turf.point([+r.lon, +r.lat]), elderly: +r.elderly }));
    const facilities = csvRows(join(SAMPLE_DIR, 'illustrative_facilities.csv')).map((r) => ({ id: r.id, kind: r.kind, point: turf.point([+r.lon, +r.lat]) }));
    const serving = facilities.filter((f) => f.kind === 'day_care' || f.kind === 'community_station');
    const estates = csvRows(join(SAMPLE_DIR, 'illustrative_estates.csv')).map((r) => ({ id: r.id, point: turf.point([+r.lon, +r.lat]) }));
    let totalElderly = 0;
    for (const page of pages) {
      const unit = turf.polygon([CORE_UNITS.find((u) => u.name === page.unit.name)!.ring]);
      const inside = cells.filter((c) => turf.booleanPointInPolygon(c.point, unit));
      const elderly = inside.reduce((sum, c) => sum + c.elderly, 0);
      const covered = inside.filter((c) => serving.some((f) => turf.distance(f.point, c.point, { units: 'meters' }) <= 1000)).reduce((sum, c) => sum + c.elderly, 0);
      const beds = facilities.filter((f) => turf.booleanPointInPolygon(f.point, unit)).reduce((sum, f) => sum + Number(BEDS[f.id] || 0), 0);
      const counts = { compliant: 0, non_compliant: 0, incomplete: 0 } as Record<string, number>;
      for (const estate of estates) if (turf.booleanPointInPolygon(estate.point, unit)) counts[verdicts.get(estate.id)!]++;
      totalElderly += elderly;

      // the cells' export rounds to 4 decimals: the sums agree to well under one person
      expect(Math.abs(page.figures.elderly! - elderly), page.unit.name).toBeLessThan(0.05);
      expect(page.figures.coveredShare!, page.unit.name).toBeCloseTo(covered / elderly, 5);
      expect(page.figures.bedsPer1000!, page.unit.name).toBeCloseTo((beds / elderly) * 1000, 4);
      expect(page.figures.reviews, page.unit.name).toEqual(counts);

      const text = pageText(pdf, page.page);
      expect(text).toContain(page.title);
      expect(text).toMatch(new RegExp(`\\b${page.page}\\s*/\\s*4\\b`));
      expect(text).toContain('老年人口（60 岁以上）');
      expect(text).toContain(group(page.figures.elderly!));
      expect(text).toContain(`${((covered / elderly) * 100).toFixed(1)} %`);
      expect(text).toContain(((beds / elderly) * 1000).toFixed(1));
      expect(text).toContain(`符合 ${counts.compliant} · 不符合 ${counts.non_compliant} · 需补充材料 ${counts.incomplete}`);
      expect(text).toContain('EPSG:4547');
    }
    // the four units tile the core: together they hold all its older people (sample total 518,264.5)
    expect(totalElderly).toBeCloseTo(518_264.5, 0);
  });

  it('refuses a level the boundaries lack with exit code 2, naming the levels present', () => {
    const run = runCli(['map', project, '--out', join(dir, 'town.pdf'), '--atlas', 'town']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no boundaries of level town');
    expect(run.stderr).toMatch(/has level .*street/);
    expect(existsSync(join(dir, 'town.pdf'))).toBe(false);
  });
});

describe('siting map --atlas district on the real Shenzhen districts', () => {
  let dir: string;
  let project: string;
  let districts: Array<Feature<Polygon | MultiPolygon, { name: string }>>;

  beforeAll(() => {
    dir = tempDir('siting-atlas-sz-');
    project = join(dir, 'shenzhen.gpkg');
    expect(runCli(['new', project]).status).toBe(0);
    const source = JSON.parse(readFileSync(testData('shenzhen/shenzhen_districts_transbigdata.geojson'), 'utf8'));
    districts = source.features.map((f: Feature<Polygon | MultiPolygon, { qh: string }>) => ({ ...f, properties: { name: `${f.properties.qh}区`, level: 'district' } }));
    writeFileSync(join(dir, 'districts.geojson'), JSON.stringify({ type: 'FeatureCollection', features: districts }));
    expect(runCli(['import', project, 'boundaries', join(dir, 'districts.geojson')]).status).toBe(0);
  }, 60_000);

  it('writes one English PDF per district with "{unit}" in --out, each zoomed to its district', () => {
    const run = runCli(['map', project, '--out', join(dir, 'map_{unit}.pdf'), '--atlas', 'district', '--lang', 'en', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const pages: AtlasPage[] = run.json.pages;
    const names = ['宝安区', '大鹏区', '福田区', '光明区', '龙岗区', '龙华区', '罗湖区', '南山区', '坪山区', '盐田区'];
    expect(pages.map((p) => p.unit.name)).toEqual(names);
    expect(run.json.out).toEqual(names.map((name) => join(dir, `map_${name}.pdf`)));
    for (const page of pages) {
      expect(page.file).toBe(join(dir, `map_${page.unit.name}.pdf`));
      expect(execFileSync('pdfinfo', [page.file], { encoding: 'utf8' })).toMatch(/Pages:\s+1\n/);
      expectExtentHolds(page, districts.find((d) => d.properties.name === page.unit.name)!.geometry);
      // no population grid: the figures are shown as not available
      expect(page.figures).toMatchObject({ elderly: null, coveredShare: null, bedsPer1000: null, reviews: null });
      const text = pageText(page.file, 1);
      expect(text).toContain(`Elderly-care facilities: ${page.unit.name}`);
      expect(text).toMatch(new RegExp(`\\b${page.page}\\s*/\\s*10\\b`));
      expect(text).toContain('Older people (60+)');
      expect(text).toContain('Beds per 1,000 older people');
    }
    // Futian (79.9 km²) is printed at a larger scale than Bao'an (409 km²)
    expect(pages[2].scaleDenominator).toBeLessThan(pages[0].scaleDenominator);
  });

  it('refuses --atlas street, naming the level the layer has', () => {
    const run = runCli(['map', project, '--out', join(dir, 'x.pdf'), '--atlas', 'street']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no boundaries of level street for the atlas; the boundaries layer has level district');
  });
});
