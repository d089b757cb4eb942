/**
 * The estate reviews as files and read back (issue 12), on the Wuhan sample with the illustrative
 * estates and facilities: `siting review --out` writes CSV or, by the .xlsx extension, a workbook
 * with the same rows (read back with exceljs); the hosts' `review:stored` gives the latest review
 * of each estate after the project is reopened, with its preset and date, and says when the estates
 * changed since; `review:export` writes those reviews (with a reviewed_at column) as CSV and XLSX,
 * or hands them back as a download; the browser host refuses a path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api } from '../../shared/ipc/contract';
import { createBrowserHandlers } from '../../electron/host/browser_file_access';
import { ProjectSession } from '../../electron/services/project_session';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { hostApi, apiOf } from '../helpers/host_handlers';

const ESTATES_CSV = join(SAMPLE_DIR, 'illustrative_estates.csv');
const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');
const FLOOR_AREA = 'care_floor_area_per_100_households';

/** A fresh host over a new session (as after restarting the app). */

/** CSV text (byte-order mark, CRLF) as rows of cells. */
function csvRows(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

/** The first sheet of a workbook as rows of cells (empty cells null). */
async function xlsxRows(bytes: Uint8Array): Promise<(string | number | null)[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  const rows: (string | number | null)[][] = [];
  const width = sheet.getRow(1).cellCount;
  sheet.eachRow((row) => {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= width; c++) {
      const value = row.getCell(c).value;
      expect(value === null || typeof value === 'string' || typeof value === 'number').toBe(true);
      cells.push(value as string | number | null);
    }
    rows.push(cells);
  });
  return rows;
}

/** A CSV row as the workbook holds it: empty → null, numbers in number columns as numbers. */
function asCells(row: string[], numeric: ReadonlySet<number>): (string | number | null)[] {
  return row.map((cell, c) => (cell === '' ? null : numeric.has(c) ? Number(cell) : cell));
}

describe('estate reviews as CSV and XLSX, and read back from the project', () => {
  const dir = tempDir();
  const project = join(dir, 'review-exports.gpkg');
  let api: Api;

  beforeAll(async () => {
    api = hostApi();
    await api['project:create']({ path: project, sample: 'wuhan-core' });
    await api['layer:import']({ layer: 'facilities', file: { path: FACILITIES_CSV }, options: {} });
    await api['layer:import']({ layer: 'estates', file: { path: ESTATES_CSV }, options: {} });
  }, 120_000);

  it('siting review --out results.xlsx writes the rows of --out results.csv', async () => {
    const csvPath = join(dir, 'results.csv');
    const xlsxPath = join(dir, 'results.xlsx');
    const csvRun = runCli(['review', project, '--preset', 'nanhai', '--out', csvPath, '--json']);
    expect(csvRun.status, csvRun.stderr).toBe(0);
    const xlsxRun = runCli(['review', project, '--preset', 'nanhai', '--out', xlsxPath, '--json']);
    expect(xlsxRun.status, xlsxRun.stderr).toBe(0);
    expect(xlsxRun.json).toEqual(csvRun.json);
    const csv = csvRows(readFileSync(csvPath, 'utf8'));
    const xlsx = await xlsxRows(readFileSync(xlsxPath));
    const header = csv[0];
    expect(header).toEqual(['estate_id', 'estate_name', 'estate_verdict', 'rule', 'verdict', 'required', 'provided', 'shortfall', 'unit', 'method', 'reason', 'preset_id', 'preset_version']);
    const numeric = new Set(['required', 'provided', 'shortfall', 'preset_version'].map((name) => header.indexOf(name)));
    expect(xlsx[0]).toEqual(header);
    expect(xlsx.slice(1)).toEqual(csv.slice(1).map((row) => asCells(row, numeric)));
    // One row per estate and check of the review the command printed, the floor-area figures among them.
    const estates = csvRun.json.estates as { id: string; checks: { rule: string; required: number | null; provided: number | null }[] }[];
    expect(xlsx.length - 1).toBe(estates.reduce((sum, estate) => sum + Math.max(1, estate.checks.length), 0));
    for (const estate of estates) {
      const floor = estate.checks.find((check) => check.rule === FLOOR_AREA)!;
      const row = xlsx.find((cells) => cells[0] === estate.id && cells[3] === FLOOR_AREA)!;
      expect([row[5], row[6]]).toEqual([floor.required, floor.provided]);
    }
  });

  it('review:stored gives the last review of each estate after the project is reopened, with its preset and date', async () => {
    const before = new Date().toISOString();
    // As the panel asks (with the codes it translates), which the stored reviews carry too.
    const run = await api['review:run']({ preset: 'nanhai', codes: true });
    const later = hostApi();
    await later['project:open']({ path: project });
    const stored = (await later['review:stored']({}))!;
    expect(stored).not.toBeNull();
    const { newEstates, summary, preset } = run;
    expect({ newEstates, summary, preset }).toEqual({ newEstates: stored.newEstates, summary: stored.summary, preset: stored.preset });
    expect(stored.estates.map(({ id, name, verdict, checks }) => ({ id, name, verdict, checks }))).toEqual(run.estates);
    expect(stored.presets).toEqual([{ id: 'nanhai', version: 1 }]);
    expect(stored.reviewedAt >= before).toBe(true);
    expect(new Set(stored.estates.map((estate) => estate.reviewedAt))).toEqual(new Set([stored.reviewedAt]));
    expect(stored).toMatchObject({ unreviewed: 0, estatesChangedAt: null });

    // One estate reviewed again with another preset: the newest review is that one, the others stay.
    const again = await later['review:run']({ preset: 'chishui', estates: ['demo-E2'] });
    const mixed = (await later['review:stored']({}))!;
    expect(mixed.preset).toEqual({ id: 'chishui', version: again.preset.version });
    expect(mixed.presets.map((p) => p.id)).toEqual(['chishui', 'nanhai']);
    const e2 = mixed.estates.find((estate) => estate.id === 'demo-E2')!;
    expect(e2.checks).toEqual(again.estates[0].checks);
    expect(e2.reviewedAt).toBe(mixed.reviewedAt);
    expect(mixed.estates.filter((estate) => estate.preset.id === 'nanhai')).toHaveLength(run.estates.length - 1);
    expect(mixed.summary.estates).toBe(run.estates.length);
  });

  it('review:export writes the stored reviews with their date as CSV and XLSX, and as a download', async () => {
    const stored = (await api['review:stored']({}))!;
    const csvPath = join(dir, 'stored.csv');
    const xlsxPath = join(dir, 'stored.xlsx');
    const csvReply = await api['review:export']({ format: 'csv', path: csvPath });
    const xlsxReply = await api['review:export']({ format: 'xlsx', path: xlsxPath });
    expect(csvReply).toMatchObject({ path: csvPath, content: null, estates: stored.estates.length });
    const csv = csvRows(readFileSync(csvPath, 'utf8'));
    expect(csv[0].at(-1)).toBe('reviewed_at');
    expect(csv.length - 1).toBe(csvReply.rows);
    for (const estate of stored.estates) {
      const rows = csv.filter((row) => row[0] === estate.id);
      expect(rows).toHaveLength(Math.max(1, estate.checks.length));
      for (const row of rows) expect([row[11], Number(row[12]), row.at(-1)]).toEqual([estate.preset.id, estate.preset.version, estate.reviewedAt]);
    }
    const numeric = new Set(['required', 'provided', 'shortfall', 'preset_version'].map((name) => csv[0].indexOf(name)));
    const xlsx = await xlsxRows(readFileSync(xlsxPath));
    expect(xlsx[0]).toEqual(csv[0]);
    expect(xlsx.slice(1)).toEqual(csv.slice(1).map((row) => asCells(row, numeric)));
    expect(xlsxReply.rows).toBe(csvReply.rows);
    // Without a path (the browser): the same bytes come back, base64 for the workbook.
    const download = await api['review:export']({ format: 'xlsx' });
    expect(download).toMatchObject({ name: 'estate_reviews.xlsx', path: null, contentEncoding: 'base64' });
    expect(await xlsxRows(Buffer.from(download.content!, 'base64'))).toEqual(xlsx);
    const csvDownload = await api['review:export']({ format: 'csv' });
    expect(csvDownload.content).toBe(readFileSync(csvPath, 'utf8'));
    await expect(api['review:export']({ format: 'csv', path: project })).rejects.toMatchObject({ reason: 'export_overwrites_project' });
  });

  it('says when the estates changed after the review', async () => {
    const stored = (await api['review:stored']({}))!;
    await api['layer:import']({ layer: 'estates', file: { path: ESTATES_CSV }, options: { replace: true } });
    const after = (await api['review:stored']({}))!;
    expect(after.estatesChangedAt).not.toBeNull();
    expect(after.estatesChangedAt! > stored.reviewedAt).toBe(true);
    expect(after.estates).toEqual(stored.estates);
  });

  it('the browser host exports reviews only as downloads', async () => {
    const folder = join(dir, 'served');
    const browser = apiOf(createBrowserHandlers(new ProjectSession(), { version: 'test', projectFolders: [folder] }));
    await expect(browser['review:export']({ format: 'csv', path: join(dir, 'elsewhere.csv') })).rejects.toMatchObject({ reason: 'paths_desktop_only' });
  });
});
