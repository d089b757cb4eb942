/**
 * The per-area table (issue 15): `siting analyze --areas-out` writes the same table the app shows and
 * exports (shared/tables/area_table.ts), as CSV (compared byte for byte with a CSV written here by an
 * independent formatter from the analysis' JSON) and XLSX (read back with exceljs: numbers are number
 * cells, text is text, never a formula). Urban/rural flags set in the project (the app's
 * `boundaries:urban:set`: one transaction, all or nothing) are what the table and its preset targets
 * use. Boundaries: illustrative community rectangles over the Wuhan core sample, without an urban
 * flag, with names that need quoting and the formula guard.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { ProjectStore } from '../../electron/services/store/project_store';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { readGridCsv } from '../helpers/read_grid_csv';
import { runCli } from '../helpers/run_cli';

const rect = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const inRect = (lon: number, lat: number, [w, s, e, n]: number[]) => lon >= w && lon < e && lat >= s && lat < n;
// Split lines fall between cell centres (114.200833 + k/1200, 30.5 + k/1200), so no cell is on an edge.
const WEST = 114.199, EAST = 114.361, SOUTH = 30.499, NORTH = 30.64, MID_LAT = 30.5704;
const COLUMNS = [WEST, 114.2534, 114.3067, EAST];
/** Illustrative communities: north row urban, south row rural once set; names with a comma, a quote, a formula start. */
const NAMES = [['北一, 东段', '北二"新村"', '=北三'], ['南一', '+南二', '南三\n社区']];
const COMMUNITIES = NAMES.flatMap((row, r) =>
  row.map((name, c) => ({ id: `C${r}${c}`, name, box: [COLUMNS[c], r === 0 ? MID_LAT : SOUTH, COLUMNS[c + 1], r === 0 ? NORTH : MID_LAT], urban: r === 0 })),
);

interface JsonArea {
  id: string;
  name: string;
  level: string;
  urban: boolean | null;
  population: number;
  elderly: number;
  facilitiesInside: number;
  thresholds: Array<{ label: string; elderlyShare: number | null; served: boolean | null }>;
}

/** An independent CSV field: RFC 4180 quoting after the spreadsheet formula guard (a leading ' ). */
function field(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    const text = String(value);
    expect(text).not.toMatch(/e/); // the figures here are plain decimals
    return text;
  }
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded;
}

describe('siting analyze --areas-out on the Wuhan sample', () => {
  const dir = tempDir();
  const project = join(dir, 'wuhan.gpkg');
  let areas: JsonArea[] = [];

  beforeAll(() => {
    expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
    const boundaries = join(dir, 'communities.geojson');
    const features = COMMUNITIES.map((c) => ({ type: 'Feature', properties: { id: c.id, name: c.name, level: 'community' }, geometry: rect(c.box[0], c.box[1], c.box[2], c.box[3]) }));
    writeFileSync(boundaries, JSON.stringify({ type: 'FeatureCollection', features }));
    const units = runCli(['import', project, 'boundaries', boundaries, '--append', '--illustrative']);
    expect(units.stderr).toBe('');
    expect(units.status).toBe(0);
  });

  it('sets urban/rural flags in one transaction: an unknown id writes nothing, the reply says what each was', () => {
    const store = ProjectStore.open(project);
    try {
      const before = store.boundaryAreas().filter((b) => b.level === 'community').map((b) => b.urban);
      expect(before).toEqual(COMMUNITIES.map(() => null));
      expect(() => store.boundaryEdits.setUrban([{ id: 'C00', urban: true }, { id: 'nope', urban: false }])).toThrow(/no boundary area with id "nope"/);
      expect(store.boundaryAreas().find((b) => b.id === 'C00')?.urban).toBeNull();
      const applied = store.boundaryEdits.setUrban(COMMUNITIES.map((c) => ({ id: c.id, urban: c.urban })));
      expect(applied.replaced).toEqual(COMMUNITIES.map((c) => ({ id: c.id, urban: null })));
      const after = new Map(store.boundaryAreas().map((b) => [b.id, b.urban]));
      for (const c of COMMUNITIES) expect(after.get(c.id)).toBe(c.urban);
      // Undo is the inverse change: the flags as they were.
      store.boundaryEdits.setUrban(applied.replaced, 'boundary:urban:undo');
      expect(store.boundaryAreas().find((b) => b.id === 'C00')?.urban).toBeNull();
      store.boundaryEdits.setUrban(COMMUNITIES.map((c) => ({ id: c.id, urban: c.urban })));
      store.updateSettings({ rulesPreset: 'doumen' });
    } finally {
      store.close();
    }
    const run = runCli(['analyze', project, '--radius-m', '500,1000', '--by-area', '--json']);
    expect(run.status).toBe(0);
    areas = run.json.areas.areas as JsonArea[];
    expect(areas.filter((a) => a.level === 'community').map((a) => a.urban)).toEqual(COMMUNITIES.map((c) => c.urban));
  });

  it('writes the CSV byte for byte as an independent formatter does, older people equal to sums over the grid CSV', () => {
    const out = join(dir, 'areas.csv');
    const run = runCli(['analyze', project, '--radius-m', '500,1000', '--areas-out', out, '--lang', 'zh']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cells = readGridCsv(join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv'));
    for (const c of COMMUNITIES) {
      const elderly = cells.filter((cell) => inRect(cell.lon, cell.lat, c.box)).reduce((sum, cell) => sum + cell.pop60plus, 0);
      expect(areas.find((a) => a.id === c.id)?.elderly).toBeCloseTo(elderly, 6);
      expect(elderly).toBeGreaterThan(0);
    }
    // Doumen: every urban community, 70 % of rural ones; the city has no coverage target.
    const target = (a: JsonArea) => (a.level !== 'community' ? null : a.urban ? 1 : 0.7);
    const levelZh: Record<string, string> = { community: '社区', city: '市', district: '区', street: '街道', other: '其他' };
    const header = ['区域', '编号', '层级', '城市/农村', '常住人口', '老年人口', '区内设施数', '覆盖率（500米）', '覆盖率（1,000米）', '已服务（1,000米）', '设施覆盖目标（规则预设）'];
    const rows = [...areas]
      .sort((a, b) => b.elderly - a.elderly)
      .map((a) => [
        a.name,
        a.id,
        levelZh[a.level],
        a.urban === null ? null : a.urban ? '城市' : '农村',
        Math.round(a.population),
        Math.round(a.elderly),
        a.facilitiesInside,
        a.thresholds[0].elderlyShare,
        a.thresholds[1].elderlyShare,
        a.thresholds[1].served === null ? null : a.thresholds[1].served ? '是' : '否',
        target(a),
      ]);
    const expected = '\uFEFF' + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
    expect(readFileSync(out, 'utf8')).toBe(expected);
    expect(expected).toContain(`"北一, 东段"`);
    expect(expected).toContain(`'=北三`);
  });

  it('writes the XLSX with number cells for figures, text cells for names (no formulas), headings in English', async () => {
    const out = join(dir, 'areas.xlsx');
    const run = runCli(['analyze', project, '--radius-m', '500,1000', '--areas-out', out, '--lang', 'en']);
    expect(run.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const sheet = workbook.getWorksheet('Coverage by area');
    expect(sheet).toBeDefined();
    const values = (r: number) => (sheet!.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['Area', 'Id', 'Level', 'Urban / rural', 'Population', 'Older people', 'Facilities inside', 'Coverage (500 m)', 'Coverage (1,000 m)', 'Served (1,000 m)', 'Facility coverage target (preset)']);
    const sorted = [...areas].sort((a, b) => b.elderly - a.elderly);
    expect(sheet!.rowCount).toBe(sorted.length + 1);
    sorted.forEach((a, k) => {
      const row = sheet!.getRow(k + 2);
      expect(row.getCell(1).value).toBe(a.name);
      expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(4).value ?? null).toBe(a.urban === null ? null : a.urban ? 'urban' : 'rural');
      expect(row.getCell(6).value).toBe(Math.round(a.elderly));
      expect(row.getCell(6).type).toBe(ExcelJS.ValueType.Number);
      expect(row.getCell(9).value ?? null).toBe(a.thresholds[1].elderlyShare);
      if (a.thresholds[1].elderlyShare !== null) expect(row.getCell(9).numFmt).toBe('0.0%');
    });
    const formula = sorted.findIndex((a) => a.name === '=北三');
    const cell = sheet!.getRow(formula + 2).getCell(1);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe('=北三');
  });

  it('refuses a table file of another type, and --lang without --areas-out', () => {
    const bad = runCli(['analyze', project, '--areas-out', join(dir, 'areas.json')]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--areas-out must end in \.csv or \.xlsx/);
    const lang = runCli(['analyze', project, '--lang', 'zh']);
    expect(lang.status).not.toBe(0);
    expect(lang.stderr).toMatch(/--lang sets the language of the --areas-out table/);
  });
});

describe('the baseline scenario by its name on a printed map (issue 15)', () => {
  it('titles siting map --scenario baseline with 现状（仅现状设施）, never "baseline"', () => {
    const dir = tempDir();
    const project = join(dir, 'wuhan.gpkg');
    expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
    for (const [language, name] of [['zh', '现状（仅现状设施）'], ['en', 'Baseline (existing facilities only)']] as const) {
      const out = join(dir, `baseline-${language}.svg`);
      const run = runCli(['map', project, '--scenario', 'baseline', '--out', out, '--lang', language]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const svg = readFileSync(out, 'utf8');
      expect(svg).toContain(name);
      expect(svg).not.toMatch(/[（(—] ?baseline/);
    }
  });
});
