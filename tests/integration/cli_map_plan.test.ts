/**
 * `siting map --scenario NAME --analysis circle|network …` on real data: the Wuhan core sample with its
 * illustrative facilities and estates (reviewed with `siting review`, so the estates carry verdicts) and
 * a scenario of three proposals made through the store, and the Gothenburg walking network for network
 * mode (the Wuhan sample has no roads). Checks: each proposal's symbol within 1 mm of its place
 * computed from the JSON's extent and frame, each service circle's radius on paper against the scale
 * within 0.3 mm, the legend entries and the figures note in Chinese and English as `pdftotext` reads
 * them, and the printed figures equal to `siting analyze --json` on the same options.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mapAnalysisSettings } from '../../electron/cli/command_map';
import { exportMap } from '../../electron/services/print/map_export';
import { ProjectStore } from '../../electron/services/store/project_store';
import { causeOf } from '../../shared/errors';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { colourCentre, placeOnPage, rasterise } from '../helpers/print_page';
import { runCli } from '../helpers/run_cli';
import { testData } from '../helpers/test_data';
import { gothenburgGrid, randomFacilities } from '../unit/engine_network/gothenburg_fixture';

/** The app's colours (FACILITY_KIND_COLORS, CIRCLE_LINE, SERVICE_AREA_LINE), written out here. */
const KIND_RGB: Record<string, [number, number, number]> = { day_care: [0x1f, 0x78, 0xb4], community_station: [0x1b, 0x9e, 0x77], care_home: [0x75, 0x70, 0xb3] };
const CIRCLE_LINE = '#08519c';
const SERVICE_AREA_LINE = '#08519c';

const SCENARIO = '2030 近期方案';
const PROPOSALS = [
  { name: '拟建日间照料中心 东湖', kind: 'day_care', lon: 114.34, lat: 30.6, capacity: 40, floorAreaM2: 450 },
  { name: '拟建养老服务站 汉阳', kind: 'community_station', lon: 114.235, lat: 30.615, capacity: 20, floorAreaM2: 220 },
  { name: '拟建养老院 南湖', kind: 'care_home', lon: 114.33, lat: 30.52, capacity: null, floorAreaM2: 1800 },
] as const;

interface Page {
  paperMm: number[];
  mapFrameMm: number[];
  crs: string;
  extent: number[];
  scaleDenominator: number;
  title: string;
}

let dir: string;
let project: string;
/** The distinct verdicts of the estates' stored reviews. */
let verdicts: string[];

const text = (pdf: string) => execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
/** "12,345" as the sheet groups thousands. */
const grouped = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (ratio: number) => `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;

beforeAll(() => {
  dir = tempDir('siting-map-plan-');
  project = join(dir, 'wuhan.gpkg');
  expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
  expect(runCli(['import', project, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv'), '--illustrative']).status).toBe(0);
  expect(runCli(['import', project, 'estates', join(SAMPLE_DIR, 'illustrative_estates.csv')]).status).toBe(0);
  const review = runCli(['review', project, '--preset', 'nanhai', '--json']);
  expect(review.status, review.stderr).toBe(0);
  verdicts = [...new Set<string>(review.json.estates.map((e: { verdict: string }) => e.verdict))];
  const store = ProjectStore.open(project);
  try {
    const rest = { beds: null, nursingBeds: null, floorLevel: 1, targetYear: 2030, note: null };
    store.edits.createScenarioWithProposals(SCENARIO, null, PROPOSALS.map((p) => ({ ...p, ...rest })));
  } finally {
    store.close();
  }
}, 120_000);

describe('siting map --scenario (A4, Chinese)', () => {
  let pdf: string;
  let page: Page;
  beforeAll(() => {
    pdf = join(dir, 'scenario.pdf');
    const run = runCli(['map', project, '--out', pdf, '--scenario', SCENARIO, '--json']);
    expect(run.status, run.stderr).toBe(0);
    page = run.json.pages[0];
  }, 60_000);

  it('names the scenario and the project in the default title', () => {
    expect(page.title).toBe(`wuhan养老服务设施布局图（${SCENARIO}）`);
  });

  it('draws every proposal symbol within 1 mm of its place computed from extent and frame', () => {
    const dpi = 200;
    const raster = rasterise(pdf, dpi);
    for (const proposal of PROPOSALS) {
      const place = placeOnPage(page, proposal.lon, proposal.lat);
      const found = colourCentre(raster, dpi, place, KIND_RGB[proposal.kind]);
      expect(found.count, proposal.name).toBeGreaterThan(20);
      expect(Math.hypot(found.xMm - place[0], found.yMm - place[1]), proposal.name).toBeLessThan(1);
      // the proposal's edge (PROPOSAL_COLOR #d81b60) rings the dot
      expect(colourCentre(raster, dpi, place, [0xd8, 0x1b, 0x60]).count, proposal.name).toBeGreaterThan(20);
    }
  });

  it('labels proposals with places and floor area, draws only the facilities that count and has their legend entries', () => {
    const words = text(pdf);
    expect(words).toContain('拟建日间照料中心 东湖（40 托位，450 m²）');
    expect(words).toContain('拟建养老服务站 汉阳（20 托位，220 m²）');
    expect(words).toContain('拟建养老院 南湖（1800 m²）');
    for (const entry of ['拟建设施（方案）', '计入覆盖的现有设施', '日间照料中心', '社区养老服务站', '养老院', '居住区审查结论']) expect(words).toContain(entry);
    // the health station does not count for day care (DEFAULTS.kinds): not drawn, not in the legend
    expect(words).not.toContain('示意社区卫生服务站 E');
    expect(words).not.toContain('社区卫生服务站');
    const verdictWords: Record<string, string> = { compliant: '符合', non_compliant: '不符合', incomplete: '需补充材料' };
    for (const verdict of verdicts) expect(words).toContain(verdictWords[verdict]);
  });
});

describe('siting map --scenario --analysis circle', () => {
  let analyze: { elderly: { covered: number; total: number; ratio: number }; thresholds: Array<{ radiusM: number; elderly: { covered: number; total: number; ratio: number } }> };
  beforeAll(() => {
    const run = runCli(['analyze', project, '--scenario', SCENARIO, '--radius-m', '600,1000', '--json']);
    expect(run.status, run.stderr).toBe(0);
    analyze = run.json;
  }, 60_000);

  it('prints the figures of siting analyze and the legend by threshold, in Chinese', () => {
    const pdf = join(dir, 'circle_zh.pdf');
    const run = runCli(['map', project, '--out', pdf, '--scenario', SCENARIO, '--analysis', 'circle', '--radius-m', '600,1000', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const words = text(pdf).replace(/\n/g, '');
    for (const t of analyze.thresholds) {
      const share = percent(t.elderly.ratio);
      expect(words).toContain(`覆盖老年人（半径 ${t.radiusM} m）：${grouped(t.elderly.covered)} / ${grouped(t.elderly.total)} 人，占 ${share}`);
      expect(words).toContain(`半径 ${t.radiusM} m（覆盖 ${share}）`);
    }
    expect(analyze.elderly.covered).toBe(analyze.thresholds[1].elderly.covered);
    for (const entry of ['服务半径', '未覆盖的老年人口网格', '拟建设施（方案）', '计入覆盖的现有设施']) expect(words).toContain(entry);
  }, 60_000);

  it('prints the same figures and legend in English', () => {
    const pdf = join(dir, 'circle_en.pdf');
    const run = runCli(['map', project, '--out', pdf, '--scenario', SCENARIO, '--analysis', 'circle', '--radius-m', '600,1000', '--lang', 'en', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.pages[0].title).toBe(`Elderly-care facilities: wuhan — ${SCENARIO}`);
    const words = text(pdf).replace(/\n/g, ' ');
    for (const t of analyze.thresholds) {
      const share = percent(t.elderly.ratio);
      expect(words).toContain(`Older people covered (${t.radiusM} m radius): ${grouped(t.elderly.covered)} of ${grouped(t.elderly.total)} (${share})`);
      expect(words).toContain(`${t.radiusM} m radius (covers ${share})`);
    }
    for (const entry of ['Service radius', 'Uncovered older people', 'Proposed (scenario)', 'Existing facilities counted', 'Estates by review verdict']) expect(words).toContain(entry);
  }, 60_000);

  it('prints the day places\' demand and service of siting analyze --capacity', () => {
    const analyzed = runCli(['analyze', project, '--capacity', '--uptake', '0.05', '--json']);
    expect(analyzed.status, analyzed.stderr).toBe(0);
    const pdf = join(dir, 'capacity.pdf');
    expect(runCli(['map', project, '--out', pdf, '--analysis', 'circle', '--capacity', '--uptake', '0.05']).status).toBe(0);
    const { totals } = analyzed.json.capacity;
    expect(text(pdf).replace(/\n/g, '')).toContain(`托位供需（1000 m，需求比例 0.05）：需求 ${grouped(totals.demand)} 人，可服务 ${grouped(totals.served)} 人`);
  }, 60_000);

  it('draws each counted facility\'s service circle with radius = radius / scale on paper, within 0.3 mm', () => {
    const svg = join(dir, 'circle.svg');
    const run = runCli(['map', project, '--out', svg, '--scenario', SCENARIO, '--analysis', 'circle', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const page: Page = run.json.pages[0];
    const document = readFileSync(svg, 'utf8');
    const outline = [...document.matchAll(/<path d="([^"]+)" fill="none" stroke="([^"]+)"/g)].find((m) => m[2] === CIRCLE_LINE);
    expect(outline).toBeDefined();
    const rings = outline![1].split('M').filter(Boolean).map((ring) => ring.replace(/Z$/, '').split('L').map((pair) => pair.split(' ').map(Number)));
    // counted: the existing day-care centres and station of the sample, and the two proposals of those kinds
    const counted = [
      ...readFileSync(join(SAMPLE_DIR, 'illustrative_facilities.csv'), 'utf8').trim().split(/\r?\n/).slice(1).map((line) => line.split(','))
        .filter((v) => v[2] === 'day_care' || v[2] === 'community_station').map((v) => ({ lon: +v[4], lat: +v[5] })),
      ...PROPOSALS.filter((p) => p.kind !== 'care_home'),
    ];
    expect(rings).toHaveLength(counted.length);
    const radiusMm = (1000 * 1000) / page.scaleDenominator;
    for (const facility of counted) {
      const [cx, cy] = placeOnPage(page, facility.lon, facility.lat);
      const ring = rings.find((r) => Math.hypot(r[0][0] - cx, r[0][1] + radiusMm - cy) < 1);
      expect(ring, `${facility.lon},${facility.lat}`).toBeDefined();
      for (const [x, y] of ring!) expect(Math.abs(Math.hypot(x - cx, y - cy) - radiusMm)).toBeLessThan(0.3);
    }
  }, 60_000);
});

describe('siting map --analysis network (A3, English, Gothenburg walking network)', () => {
  const gothenburg = tempDir('siting-map-network-');
  const network = join(gothenburg, 'gothenburg.gpkg');
  beforeAll(() => {
    const { grid } = gothenburgGrid(250, 7);
    const facilities = randomFacilities(12, 3, 'dc');
    const cells = ['cell_id,lon,lat,population,elderly'];
    for (let i = 0; i < grid.count; i++) cells.push(`${i},${grid.lon[i]},${grid.lat[i]},${grid.population[i]},${grid.elderly[i]}`);
    writeFileSync(join(gothenburg, 'cells.csv'), cells.join('\n'));
    writeFileSync(join(gothenburg, 'facilities.csv'), ['id,name,kind,lon,lat,capacity', ...facilities.map((f, i) => `${f.id},Day care ${i + 1},day_care,${f.lon},${f.lat},${f.capacity}`)].join('\n'));
    expect(runCli(['new', network]).status).toBe(0);
    expect(runCli(['import', network, 'roads', testData('gothenburg_osm/gothenburg_ways.geojson')]).status).toBe(0);
    expect(runCli(['import', network, 'population', join(gothenburg, 'cells.csv')]).status).toBe(0);
    expect(runCli(['import', network, 'facilities', join(gothenburg, 'facilities.csv')]).status).toBe(0);
  }, 120_000);

  it('draws the service area of every threshold and prints the figures of siting analyze', () => {
    const analyze = runCli(['analyze', network, '--mode', 'network', '--minutes', '5,10,15', '--speed-mps', '1.1', '--json']);
    expect(analyze.status, analyze.stderr).toBe(0);
    const pdf = join(gothenburg, 'network.pdf');
    const run = runCli(['map', network, '--out', pdf, '--paper', 'A3', '--lang', 'en', '--analysis', 'network', '--minutes', '5,10,15', '--speed-mps', '1.1', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.pages[0].paperMm).toEqual([297, 420]);
    const words = text(pdf).replace(/\n/g, ' ');
    expect(words).toContain('Walking service areas');
    expect(words).toContain('Analysis: walking network, 1.1 m/s');
    for (const t of analyze.json.thresholds as Array<{ minutes: number; elderly: { covered: number; total: number; ratio: number } }>) {
      expect(words).toContain(`Older people covered (${t.minutes}-min walk): ${grouped(t.elderly.covered)} of ${grouped(t.elderly.total)} (${percent(t.elderly.ratio)})`);
      expect(words).toContain(`${t.minutes}-min walk (covers ${percent(t.elderly.ratio)})`);
    }
    const svg = join(gothenburg, 'network.svg');
    expect(runCli(['map', network, '--out', svg, '--paper', 'A3', '--lang', 'en', '--analysis', 'network', '--minutes', '5,10,15', '--speed-mps', '1.1']).status).toBe(0);
    const outlines = [...readFileSync(svg, 'utf8').matchAll(/<path d="[^"]+" fill="none" stroke="([^"]+)"/g)].filter((m) => m[1] === SERVICE_AREA_LINE);
    expect(outlines).toHaveLength(3);
  }, 120_000);
});

describe('refusals carry a reason', () => {
  const reasonOf = (action: () => unknown) => {
    try {
      action();
    } catch (error) {
      return causeOf(error);
    }
    return undefined;
  };
  const reasonOfAsync = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (error) {
      return causeOf(error);
    }
    return undefined;
  };

  it('for analysis flags without --analysis, a bad --analysis, a flag of the other mode', () => {
    expect(reasonOf(() => mapAnalysisSettings({ 'radius-m': '500' } as never))).toEqual({ reason: 'print_analysis_flag_alone', params: { flag: '--radius-m' } });
    expect(reasonOf(() => mapAnalysisSettings({ analysis: 'walk' } as never))).toEqual({ reason: 'print_value_unknown', params: { flag: '--analysis', value: 'walk', allowed: 'circle, network' } });
    expect(reasonOf(() => mapAnalysisSettings({ analysis: 'circle', minutes: '5' } as never))).toEqual({ reason: 'analysis_flag_wrong_mode', params: { flag: '--minutes', mode: 'circle' } });
    expect(reasonOf(() => mapAnalysisSettings({ analysis: 'circle', 'radius-m': '-3' } as never))).toEqual({ reason: 'flag_value_invalid', params: { flag: '--radius-m', value: '-3' } });
    expect(mapAnalysisSettings({ analysis: 'network' } as never).analysis).toMatchObject({ mode: 'network', minutes: [15] });
  });

  it('for a bad format, paper, orientation, dpi and an unknown scenario', async () => {
    const store = ProjectStore.open(project);
    try {
      const out = join(dir, 'refused.pdf');
      expect(await reasonOfAsync(() => exportMap(store, { out: join(dir, 'map.jpg') }))).toEqual({ reason: 'print_format_unknown', params: { file: join(dir, 'map.jpg') } });
      expect(await reasonOfAsync(() => exportMap(store, { out, paper: 'B5' }))).toEqual({ reason: 'print_paper_unknown', params: { paper: 'B5', papers: 'A4, A3, A2, A1, A0' } });
      expect(await reasonOfAsync(() => exportMap(store, { out, orientation: 'sideways' }))).toEqual({ reason: 'print_orientation_unknown', params: { orientation: 'sideways' } });
      expect(await reasonOfAsync(() => exportMap(store, { out, dpi: 1200 }))).toEqual({ reason: 'print_dpi_out_of_range', params: { dpi: 1200, min: 72, max: 600 } });
      expect((await reasonOfAsync(() => exportMap(store, { out, scenario: 'no such plan' })))?.reason).toBe('unknown_scenario');
    } finally {
      store.close();
    }
  });

  it('and the command exits with code 2', () => {
    expect(runCli(['map', project, '--out', join(dir, 'x.pdf'), '--radius-m', '500']).status).toBe(2);
    expect(runCli(['map', project, '--out', join(dir, 'x.pdf'), '--scenario', 'no such plan']).status).toBe(2);
  });
});
