/**
 * `siting review … --out sheet.pdf`: review sheets (审查意见表) through the print pipeline, on the Wuhan
 * sample with the illustrative estates and facilities (one community health station, no roads).
 * poppler checks the PDF: A4 pages (pdfinfo), every font embedded (pdffonts), and as text (pdftotext)
 * the title, the estate, and each rule's row with the verdict word and the required and provided
 * figures of `siting review --json`, in Chinese and English; the care room and the health station of
 * the location map are found in the rendered page (pdftoppm) within 1 mm of their place computed here
 * from their coordinates, the map frame and its scale; all eight estates give each estate's pages
 * numbered "page X of Y" in the CLI's order; a table too long for a page repeats its header row.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewSheetOf } from '../../electron/services/rules/review_sheet';
import { estatesOf } from '../../electron/services/store/estate_reviews';
import { ProjectStore } from '../../electron/services/store/project_store';
import { reviewSheetPages } from '../../shared/print/review_sheet_page';
import { REVIEW_SHEET_TEXT } from '../../shared/usecases/review_sheet_text';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';

const ESTATES_CSV = join(SAMPLE_DIR, 'illustrative_estates.csv');
const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');
const ESTATE = 'demo-E2';
const ESTATE_NAME = '示意新建小区 乙 (illustrative)';

interface Check {
  rule: string;
  verdict: 'pass' | 'fail' | 'not_checkable' | 'advisory' | 'not_applicable';
  required: number | null;
  provided: number | null;
  unit: 'm2' | 'm' | 'floor' | null;
}

function csvRows(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n').map((line) => line.split(','));
  return lines.map((cells) => Object.fromEntries(header.map((name, k) => [name, cells[k] ?? ''])));
}

const pdfText = (pdf: string, ...args: string[]) => execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
const pageCount = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);

/** A figure as the sheet writes it: distances in whole metres, others to 2 decimals, thousands grouped (the same in zh-CN and en). */
function figure(value: number, unit: Check['unit']): string {
  const rounded = unit === 'm' ? Math.round(value) : Math.round(value * 100) / 100;
  return rounded.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

let dir: string;
let project: string;

beforeAll(() => {
  process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
  dir = tempDir('siting-review-sheet-');
  project = join(dir, 'wuhan.gpkg');
  expect(runCli(['new', project, '--sample', 'wuhan-core']).status).toBe(0);
  expect(runCli(['import', project, 'facilities', FACILITIES_CSV]).status).toBe(0);
  expect(runCli(['import', project, 'estates', ESTATES_CSV]).status).toBe(0);
}, 120_000);

describe('the review sheet of one estate as PDF', () => {
  for (const language of ['zh', 'en'] as const) {
    it(`${language}: A4, fonts embedded, and the title, estate, verdicts and figures of siting review --json`, () => {
      const T = REVIEW_SHEET_TEXT[language];
      const plain = runCli(['review', project, '--estate', ESTATE, '--preset', 'chishui', '--json']);
      expect(plain.status, plain.stderr).toBe(0);
      const pdf = join(dir, `sheet_${language}.pdf`);
      const run = runCli(['review', project, '--estate', ESTATE, '--preset', 'chishui', '--out', pdf, '--lang', language, '--json']);
      expect(run.status, run.stderr).toBe(0);
      // The JSON is the review's, plus the file written.
      const { out, ...review } = run.json;
      expect(out).toEqual([pdf]);
      expect(review).toEqual(plain.json);

      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+595\.27\d* x 841\.8\d* pts \(A4\)/);
      expect(info).toMatch(/Pages:\s+1\n/);
      const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThanOrEqual(1);
      for (const row of fonts) expect(row).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/); // emb sub uni

      const text = pdfText(pdf, '-layout');
      expect(text).toContain(T.title);
      expect(text).toContain(ESTATE_NAME);
      expect(text).toContain(`${T.conclusion.verdict.replace('{{verdict}}', T.verdicts[run.json.estates[0].verdict as 'non_compliant'])}`);
      for (const label of Object.values(T.signatures)) expect(text).toContain(label);
      // Each rule's row (its first line starts with its number): required, provided and the verdict word, in this order.
      const checks: Check[] = run.json.estates[0].checks;
      expect(checks).toHaveLength(6);
      const lines = text.split('\n');
      checks.forEach((check, k) => {
        const row = lines.find((line) => new RegExp(`^\\s*${k + 1}\\s+\\S`).test(line) && line.includes(T.checkVerdicts[check.verdict]));
        expect(row, `${check.rule}\n${text}`).toBeDefined();
        const required = check.required === null ? T.inputs.yes : figure(check.required, check.unit);
        const provided = check.provided === null ? T.inputs.yes : figure(check.provided, check.unit);
        const pattern = new RegExp(`\\s${required}\\s+${provided}\\s.*${T.checkVerdicts[check.verdict]}\\s*$`);
        expect(row, check.rule).toMatch(pattern);
      });
      const floor = checks.find((check) => check.rule === 'care_floor_area_per_100_households')!;
      expect(floor).toMatchObject({ verdict: 'fail', required: 370, provided: 300, unit: 'm2' });
    });
  }

  it('draws the care room and the health station within 1 mm of their places computed from their coordinates', () => {
    const pdf = join(dir, 'sheet_zh.pdf');
    if (!existsSync(pdf)) expect(runCli(['review', project, '--estate', ESTATE, '--preset', 'chishui', '--out', pdf]).status).toBe(0);
    // The frame on the page and its scale and centre: the sheet's own drawing of the same review.
    const store = ProjectStore.open(project);
    let frame, scale: number, centre: [number, number];
    try {
      const drawing = reviewSheetPages(reviewSheetOf(store, { estate: ESTATE, preset: 'chishui' }), 'zh');
      expect(drawing.map).not.toBeNull();
      expect(drawing.map!.page).toBe(0);
      frame = drawing.map!.frame;
      scale = drawing.map!.layout.scaleDenominator;
      centre = drawing.map!.layout.centre;
    } finally {
      store.close();
    }
    expect([1, 1.5, 2, 2.5, 3, 4, 5, 6, 8].map((s) => s * 10_000)).toContain(scale);
    // Local plane about the frame's centre on the 6,371,008.8 m sphere, north up, `scale` metres per metre of paper.
    const rad = Math.PI / 180;
    const place = (lon: number, lat: number): [number, number] => {
      const east = 6_371_008.8 * (lon - centre[0]) * rad * Math.cos(centre[1] * rad);
      const north = 6_371_008.8 * (lat - centre[1]) * rad;
      return [frame.xMm + frame.widthMm / 2 + (east * 1000) / scale, frame.yMm + frame.heightMm / 2 - (north * 1000) / scale];
    };
    const estate = csvRows(ESTATES_CSV).find((row) => row.id === ESTATE)!;
    const station = csvRows(FACILITIES_CSV).find((row) => row.kind === 'health_station')!;
    const dpi = 200;
    const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', pdf], { maxBuffer: 256 * 1024 * 1024 });
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 64).toString('latin1'))!;
    const width = Number(header[1]);
    const rgb = ppm.subarray(header[0].length);
    const pxPerMm = dpi / 25.4;
    const found = (expected: [number, number], color: [number, number, number]) => {
      let sumX = 0, sumY = 0, count = 0;
      const window = 2.5 * pxPerMm;
      for (let py = Math.floor(expected[1] * pxPerMm - window); py <= expected[1] * pxPerMm + window; py++) {
        for (let px = Math.floor(expected[0] * pxPerMm - window); px <= expected[0] * pxPerMm + window; px++) {
          const o = (py * width + px) * 3;
          if (Math.abs(rgb[o] - color[0]) + Math.abs(rgb[o + 1] - color[1]) + Math.abs(rgb[o + 2] - color[2]) < 60) {
            sumX += px + 0.5;
            sumY += py + 0.5;
            count++;
          }
        }
      }
      return { count, distanceMm: Math.hypot(sumX / count / pxPerMm - expected[0], sumY / count / pxPerMm - expected[1]) };
    };
    // Care room: a red dot (#c62828); health station: a green square with a cross (#2e7d32), as in the app's sheet.
    const room = found(place(Number(estate.care_lon), Number(estate.care_lat)), [0xc6, 0x28, 0x28]);
    expect(room.count).toBeGreaterThan(20);
    expect(room.distanceMm).toBeLessThan(1);
    const healthStation = found(place(Number(station.lon), Number(station.lat)), [0x2e, 0x7d, 0x32]);
    expect(healthStation.count).toBeGreaterThan(20);
    expect(healthStation.distanceMm).toBeLessThan(1);
    // The two are where the review measured them apart (293 m in a straight line at this scale).
    const [rx, ry] = place(Number(estate.care_lon), Number(estate.care_lat));
    const [sx, sy] = place(Number(station.lon), Number(station.lat));
    expect((Math.hypot(sx - rx, sy - ry) * scale) / 1000).toBeCloseTo(293, -1);
  });

  it('writes SVG pages: the same sheet, one file for one page', () => {
    const svg = join(dir, 'sheet.svg');
    const run = runCli(['review', project, '--estate', ESTATE, '--preset', 'chishui', '--out', svg, '--lang', 'en', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.out).toEqual([svg]);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('width="210mm" height="297mm"');
    expect(text).toContain(REVIEW_SHEET_TEXT.en.title);
    expect(text).toContain('Verdict: Non-compliant');
  });
});

describe('long review sheets', () => {
  it('all eight estates: each estate on its own pages, numbered "page X of Y", in the order reviewed', () => {
    for (const language of ['zh', 'en'] as const) {
      const T = REVIEW_SHEET_TEXT[language];
      const pdf = join(dir, `all_${language}.pdf`);
      const run = runCli(['review', project, '--preset', 'chishui', '--out', pdf, '--lang', language, '--json']);
      expect(run.status, run.stderr).toBe(0);
      const estates: { id: string; name: string }[] = run.json.estates;
      expect(estates).toHaveLength(8);
      const total = pageCount(pdf);
      // Walk the pages: each estate's run of pages says 1 … n of n and names the estate in its footer.
      let page = 1;
      for (const estate of estates) {
        const first = pdfText(pdf, '-f', String(page), '-l', String(page));
        expect(first, estate.id).toContain(T.title);
        expect(first, estate.id).toContain(`(${estate.id})`);
        const match = new RegExp(T.page.replace('{{page}}', '1').replace('{{pages}}', '(\\d+)')).exec(first);
        expect(match, `${estate.id} page ${page}`).not.toBeNull();
        const pages = Number(match![1]);
        for (let k = 2; k <= pages; k++) {
          const next = pdfText(pdf, '-f', String(page + k - 1), '-l', String(page + k - 1));
          expect(next).toContain(T.page.replace('{{page}}', String(k)).replace('{{pages}}', String(pages)));
          expect(next).toContain(T.continued);
          expect(next).toContain(`(${estate.id})`);
        }
        page += pages;
      }
      expect(page - 1).toBe(total);
      // Some sheets need a second page (the incomplete ones list what to add), so there are more pages than estates.
      expect(total).toBeGreaterThan(8);
    }
  });

  it('a care-room table longer than a page goes on with its header row repeated', () => {
    const store = ProjectStore.open(project);
    try {
      const base = estatesOf(store.listFeatures('estates'), store.path).find((estate) => estate.id === ESTATE)!;
      // 40 rooms of 10 m² on floors 1–2 along a line east of the estate: 400 m² in all.
      const careRooms = Array.from({ length: 40 }, (_, k) => ({ floorAreaM2: 10, floorLevels: [1 + (k % 2)], basement: false, lon: 114.308 + k * 0.0001, lat: 30.547 }));
      store.estateEdits.applyEstateChanges({ put: [{ ...base, id: 'demo-many', name: '示意多用房小区 (illustrative)', careRooms, careFloorAreaM2: 400 }], delete: [], action: 'estate:edit' });
    } finally {
      store.close();
    }
    const pdf = join(dir, 'many.pdf');
    const run = runCli(['review', project, '--estate', 'demo-many', '--preset', 'chishui', '--out', pdf, '--lang', 'en', '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(pageCount(pdf)).toBe(2);
    const [first, second] = [1, 2].map((k) => pdfText(pdf, '-f', String(k), '-l', String(k)));
    for (const text of [first, second]) expect(text).toContain('Floor area (m²)');
    expect(second).toContain('Room 40');
    expect(second).toContain('Page 2 of 2');
    expect(second).toContain('(continued)');
    // Every room once, and the total.
    const all = first + second;
    for (let k = 1; k <= 40; k++) expect(all.match(new RegExp(`Room ${k}\\b`, 'g')), `Room ${k}`).toHaveLength(1);
    expect(all).toMatch(/Total\s+400/);
  });
});

describe('refusals', () => {
  it('--lang only with a review sheet, and only zh or en; a project without estates has no sheet to write', () => {
    const csv = join(dir, 'lang.csv');
    const withCsv = runCli(['review', project, '--out', csv, '--lang', 'en', '--json']);
    expect(withCsv.status).toBe(2);
    expect(withCsv.json.error.message).toMatch(/--lang is the language of review sheets/);
    expect(existsSync(csv)).toBe(false);
    const french = runCli(['review', project, '--out', join(dir, 'fr.pdf'), '--lang', 'fr', '--json']);
    expect(french.status).toBe(2);
    expect(french.json.error.message).toMatch(/--lang must be one of zh, en/);
    const empty = join(dir, 'empty.gpkg');
    expect(runCli(['new', empty, '--sample', 'wuhan-core']).status).toBe(0);
    const none = runCli(['review', empty, '--out', join(dir, 'none.pdf'), '--json']);
    expect(none.status).toBe(2);
    expect(none.json.error.message).toMatch(/no estates/);
    expect(existsSync(join(dir, 'none.pdf'))).toBe(false);
  });
});
