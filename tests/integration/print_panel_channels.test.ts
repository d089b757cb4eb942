/**
 * What the app's print panel asks the host for (issue 13), over the channels, on the Wuhan core sample
 * with its illustrative facilities and four ILLUSTRATIVE street units drawn by this test (the sample
 * has no street polygons):
 * - `map:preview` with a circle analysis is the SVG `siting map --analysis circle --radius-m 1000
 *   --out x.svg` writes (the options go through the same defaults), with the service-radius legend;
 * - the preview as PNG (resvg with the print fonts) has the width asked for and the page's proportions;
 * - an atlas page previews as `siting map --atlas street` draws it (same page facts as its --json);
 * - an atlas exported over 'map:atlas:start' has one page per unit, its status counts the pages, and a
 *   cancel mid-way writes nothing; the browser host exports an atlas only as a download.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as turf from '@turf/turf';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, type MapAtlasJob, type MapOptions } from '../../shared/ipc/contract';
import { createBrowserHandlers } from '../../electron/host/browser_file_access';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { apiOf } from '../helpers/host_handlers';

const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');
/** ILLUSTRATIVE street units over the Wuhan core (not real streets): four irregular polygons tiling the clip's extent. */
const CORE_UNITS: Array<{ name: string; ring: number[][] }> = [
  { name: '示意街道甲 (illustrative)', ring: [[114.2004, 30.6396], [114.2807, 30.6396], [114.2903, 30.6013], [114.2853, 30.5712], [114.2004, 30.5817], [114.2004, 30.6396]] },
  { name: '示意街道乙 (illustrative)', ring: [[114.2807, 30.6396], [114.3604, 30.6396], [114.3604, 30.5863], [114.2853, 30.5712], [114.2903, 30.6013], [114.2807, 30.6396]] },
  { name: '示意街道丙 (illustrative)', ring: [[114.2853, 30.5712], [114.3604, 30.5863], [114.3604, 30.4996], [114.3017, 30.4996], [114.2853, 30.5712]] },
  { name: '示意街道丁 (illustrative)', ring: [[114.2004, 30.5817], [114.2853, 30.5712], [114.3017, 30.4996], [114.2004, 30.4996], [114.2004, 30.5817]] },
];

/** The dates (YYYY-MM-DD) taken out: the map date is today on each side, which may turn over between two runs. */
const withoutDates = (svg: string) => svg.replace(/\d{4}-\d{2}-\d{2}/g, 'DATE');
const pdfPages = (pdf: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]);
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('the print panel over the channels: analysis, PNG preview, atlas jobs', () => {
  const dir = tempDir('siting-print-panel-');
  const project = join(dir, 'wuhan.gpkg');
  let api: Api;

  beforeAll(async () => {
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    api = apiOf(createHandlers(new ProjectSession(), { host: 'electron', version: 'test', dialogs: null }));
    await api['project:create']({ path: project, sample: 'wuhan-core' });
    await api['layer:import']({ layer: 'facilities', file: { path: FACILITIES_CSV }, options: { illustrative: true } });
    const units = { type: 'FeatureCollection', features: CORE_UNITS.map((u) => turf.polygon([u.ring], { name: u.name, level: 'street' })) };
    writeFileSync(join(dir, 'streets.geojson'), JSON.stringify(units));
    await api['layer:import']({ layer: 'boundaries', file: { path: join(dir, 'streets.geojson') }, options: { append: true } });
  }, 180_000);

  it('lists the boundary levels with their units', async () => {
    const levels = await api['map:atlas:levels']({});
    // in page order: the zh collation orders by pinyin (丙 bǐng, 丁 dīng, 甲 jiǎ, 乙 yǐ)
    expect(levels.find((item) => item.level === 'street')).toEqual({ level: 'street', units: ['示意街道丙 (illustrative)', '示意街道丁 (illustrative)', '示意街道甲 (illustrative)', '示意街道乙 (illustrative)'] });
  });

  it('a preview with a circle analysis is the SVG siting map --analysis circle --radius-m 1000 writes', async () => {
    const options: MapOptions = { paper: 'A4', language: 'en', analysis: { mode: 'circle', radiiM: [1000] }, kinds: ['day_care', 'community_station'] };
    const preview = await api['map:preview']({ options });
    const out = join(dir, 'circle.svg');
    const run = runCli(['map', project, '--out', out, '--lang', 'en', '--analysis', 'circle', '--radius-m', '1000', '--kinds', 'day_care,community_station', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const cli = readFileSync(out, 'utf8');
    expect(withoutDates(preview.svg)).toBe(withoutDates(cli));
    expect(preview.page).toEqual(run.json.pages[0]);
    expect(preview.png).toBeNull();
    // The legend has the service radius, and the analysis note says what was counted.
    expect(preview.svg).toContain('Service radius');
    expect(preview.svg).toContain('Analysis: service radius (straight line)');
    // Without the analysis there is no service radius in the legend.
    const plain = await api['map:preview']({ options: { paper: 'A4', language: 'en' } });
    expect(plain.svg).not.toContain('Service radius');
  }, 180_000);

  it('the analysis defaults are those of siting map: a circle without radii is the 1000 m circle', async () => {
    const bare = await api['map:preview']({ options: { language: 'en', analysis: { mode: 'circle' } } });
    const explicit = await api['map:preview']({ options: { language: 'en', analysis: { mode: 'circle', radiiM: [1000] } } });
    expect(bare.svg).toBe(explicit.svg);
  }, 180_000);

  it('refuses analysis settings outside their limits or of the other mode', async () => {
    const refused = (options: unknown) => expect(api['map:preview']({ options: options as MapOptions })).rejects.toMatchObject({ code: 'bad_input' });
    await refused({ analysis: { mode: 'circle', radiiM: [0] } });
    await refused({ analysis: { mode: 'circle', radiiM: [100_001] } });
    await refused({ analysis: { mode: 'circle', minutes: [15] } });
    await refused({ analysis: { mode: 'network', radiiM: [500] } });
    await refused({ analysis: { mode: 'network', minutes: [241] } });
    await refused({ analysis: { mode: 'circle', radiiM: [1, 2, 3, 4, 5, 6, 7, 8] } });
    await refused({ analysis: { mode: 'circle', gaps: false } });
    await refused({ analysis: { mode: 'circle', stepsFactor: 2 } });
    await refused({ analysis: { mode: 'network', minutes: [15], stepsFactor: 0.5 } });
    await refused({ kinds: ['spa'] });
  });

  it('the PNG preview of A3 landscape has the width asked for and the page proportions', async () => {
    const preview = await api['map:preview']({ options: { paper: 'A3', orientation: 'landscape' }, pngWidthPx: 1200 });
    const png = Buffer.from(preview.png!, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1200);
    expect(png.readUInt32BE(20)).toBe(Math.round((1200 * 297) / 420));
    expect(preview.page.paperMm).toEqual([420, 297]);
  }, 180_000);

  it("an atlas page previews as siting map --atlas draws it: the second unit's page", async () => {
    const preview = await api['map:preview']({ options: { language: 'zh' }, atlas: { level: 'street', unit: 1 } });
    const run = runCli(['map', project, '--out', join(dir, 'atlas_{unit}.svg'), '--atlas', 'street', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const second = run.json.pages[1];
    expect(preview.page.title).toBe(second.title);
    expect(preview.page.extent).toEqual(second.extent);
    expect(withoutDates(preview.svg)).toBe(withoutDates(readFileSync(second.file, 'utf8')));
  }, 180_000);

  it('an atlas over the channel: one page per unit, the status counting the pages', async () => {
    const path = join(dir, 'atlas.pdf');
    const started = await api['map:atlas:start']({ options: { language: 'en' }, level: 'street', path });
    expect(started).toMatchObject({ state: 'running', level: 'street', page: 0, pages: 4, file: null });
    const seen = new Set<number>();
    let status: MapAtlasJob = started;
    while (status.state === 'running') {
      await nextTurn();
      status = await api['map:atlas:status']({ jobId: started.jobId });
      seen.add(status.page);
    }
    expect(status).toMatchObject({ state: 'done', page: 4, pages: 4, error: null, file: { name: 'atlas.pdf', path, content: null } });
    expect(pdfPages(path)).toBe(4);
    // Pages were reported on the way (not only the end).
    expect([...seen].some((page) => page > 0 && page < 4)).toBe(true);
    // As a download, the status brings the PDF.
    const download = await api['map:atlas:start']({ options: { language: 'en' }, level: 'street' });
    let ended = download;
    while (ended.state === 'running') {
      await nextTurn();
      ended = await api['map:atlas:status']({ jobId: download.jobId });
    }
    expect(ended.file).toMatchObject({ name: 'atlas_street.pdf', path: null, contentEncoding: 'base64' });
    const copy = join(dir, 'downloaded.pdf');
    writeFileSync(copy, Buffer.from(ended.file!.content!, 'base64'));
    expect(pdfPages(copy)).toBe(4);
  }, 180_000);

  it('cancelling an atlas mid-way writes nothing', async () => {
    const path = join(dir, 'cancelled.pdf');
    const started = await api['map:atlas:start']({ options: {}, level: 'street', path });
    let status: MapAtlasJob = started;
    while (status.state === 'running' && status.page < 1) {
      await nextTurn();
      status = await api['map:atlas:status']({ jobId: started.jobId });
    }
    expect(status.state).toBe('running');
    const cancelling = await api['map:atlas:cancel']({ jobId: started.jobId });
    expect(cancelling.cancelRequested).toBe(true);
    while (status.state === 'running') {
      await nextTurn();
      status = await api['map:atlas:status']({ jobId: started.jobId });
    }
    expect(status.state).toBe('cancelled');
    expect(status.file).toBeNull();
    expect(existsSync(path)).toBe(false);
  }, 180_000);

  it('refuses an atlas of a level the boundaries lack, naming the levels present', async () => {
    await expect(api['map:atlas:start']({ options: {}, level: 'town', path: join(dir, 'town.pdf') })).rejects.toMatchObject({ reason: 'print_atlas_level_missing', params: { level: 'town' } });
    expect(existsSync(join(dir, 'town.pdf'))).toBe(false);
  });

  it('the browser host exports an atlas only as a download', async () => {
    const browser = apiOf(createBrowserHandlers(new ProjectSession(), { version: 'test', projectFolders: [join(dir, 'served')] }));
    const target = join(dir, 'elsewhere.pdf');
    await expect(browser['map:atlas:start']({ options: {}, level: 'street', path: target })).rejects.toMatchObject({ reason: 'paths_desktop_only' });
    expect(existsSync(target)).toBe(false);
  });
});
