/**
 * The hosts' print channels (issue 13) on the Wuhan core sample with its illustrative facilities:
 * `map:preview` gives the very SVG `siting map --out x.svg` writes for the same options (the app's
 * preview is the output's drawing), text from the options cannot become markup in it, `map:export`
 * writes an A3 landscape PDF (pdfinfo) to a path and hands the same page back as a download, a PNG
 * comes with the world file the CLI writes, and the browser host refuses a path.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api, type MapOptions } from '../../shared/ipc/contract';
import { createBrowserHandlers } from '../../electron/host/browser_file_access';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { apiOf } from '../helpers/host_handlers';
import { startTileServer } from '../helpers/tile_server';

const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');
/** A title that would be markup if it were not escaped. */
const HOSTILE_TITLE = 'Wuhan <script>alert(1)</script> & "care" <b onload=\'x\'>';

/** The dates (YYYY-MM-DD) taken out: the map date is today on each side, which may turn over between two runs. */
const withoutDates = (svg: string) => svg.replace(/\d{4}-\d{2}-\d{2}/g, 'DATE');

function pdfPageSize(pdf: string): string {
  return /Page size:\s*(.*)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1].trim();
}

describe('map:preview and map:export over the sheet of siting map', () => {
  const dir = tempDir('siting-print-channels-');
  const project = join(dir, 'wuhan.gpkg');
  let api: Api;

  beforeAll(async () => {
    process.env.SITING_CONFIG_DIR = join(dir, 'config');
    api = apiOf(createHandlers(new ProjectSession(), { host: 'electron', version: 'test', dialogs: null }));
    await api['project:create']({ path: project, sample: 'wuhan-core' });
    await api['layer:import']({ layer: 'facilities', file: { path: FACILITIES_CSV }, options: { illustrative: true } });
  }, 120_000);

  it('the preview is the SVG that siting map --out x.svg writes for the same options', async () => {
    const options: MapOptions = { paper: 'A3', orientation: 'landscape', title: '武汉中心城区养老服务设施布局图', subtitle: 'Plan 2026', language: 'en', dpi: 300, purpose: 'public', reviewNumber: '鄂S(2026)001号', author: 'Planning Office' };
    const preview = await api['map:preview']({ options });
    const out = join(dir, 'cli.svg');
    const run = runCli(['map', project, '--out', out, '--paper', 'A3', '--orientation', 'landscape', '--title', options.title!, '--subtitle', 'Plan 2026', '--lang', 'en', '--dpi', '300', '--purpose', 'public', '--review-number', '鄂S(2026)001号', '--author', 'Planning Office', '--json']);
    expect(run.status, run.stderr).toBe(0);
    const cli = readFileSync(out, 'utf8');
    expect(withoutDates(preview.svg)).toBe(withoutDates(cli));
    expect(preview.svg.length).toBe(cli.length);
    expect(preview.page).toEqual(run.json.pages[0]);
    expect(preview.page.paperMm).toEqual([420, 297]);
    expect(preview.svg).toContain('viewBox="0 0 420 297"');
    expect(preview.svg).toContain('鄂S(2026)001号');
    expect(preview.warnings).toEqual([]);
    // A public map without its 审图号 is warned about.
    const unnumbered = await api['map:preview']({ options: { ...options, reviewNumber: '' } });
    expect(unnumbered.warnings).toEqual([expect.stringContaining('审图号')]);
  }, 120_000);

  it('text from the options is escaped in the SVG, never markup', async () => {
    const preview = await api['map:preview']({ options: { title: HOSTILE_TITLE } });
    expect(preview.page.title).toBe(HOSTILE_TITLE);
    expect(preview.svg).toContain('Wuhan &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;care&quot; &lt;b onload=\'x\'&gt;');
    expect(preview.svg).not.toContain('<script');
    expect(preview.svg).not.toContain('<b ');
    // Elements are only those the writer makes.
    const elements = new Set([...preview.svg.matchAll(/<([a-zA-Z]+)/g)].map((match) => match[1]));
    expect([...elements].every((name) => ['svg', 'rect', 'path', 'circle', 'text', 'image', 'clipPath', 'g'].includes(name))).toBe(true);
  }, 120_000);

  it('map:export writes an A3 landscape PDF to the path, and gives the same page as a download', async () => {
    const options: MapOptions = { paper: 'A3', orientation: 'landscape', title: 'Print panel test', language: 'en' };
    const path = join(dir, 'exported.pdf');
    const written = await api['map:export']({ options, format: 'pdf', path });
    expect(written).toMatchObject({ name: 'exported.pdf', path, content: null, worldFile: null });
    expect(written.page.paperMm).toEqual([420, 297]);
    expect(pdfPageSize(path)).toMatch(/^1190\.55\d* x 841\.8\d* pts \(A3\)$/);
    expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('Print panel test');

    const downloaded = await api['map:export']({ options, format: 'pdf' });
    expect(downloaded).toMatchObject({ name: 'map.pdf', path: null, contentEncoding: 'base64', worldFile: null });
    const copy = join(dir, 'downloaded.pdf');
    writeFileSync(copy, Buffer.from(downloaded.content!, 'base64'));
    expect(pdfPageSize(copy)).toBe(pdfPageSize(path));
    expect(downloaded.page).toEqual(written.page);
  }, 120_000);

  it('map:export writes a PNG with the world file siting map writes', async () => {
    const path = join(dir, 'exported.png');
    const written = await api['map:export']({ options: { dpi: 150 }, format: 'png', path });
    expect(written.worldFile).toEqual({ name: 'exported.pgw', path: join(dir, 'exported.pgw'), content: null });
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // A4 portrait at 150 dpi: 1240 pixels wide
    expect(png.readUInt32BE(16)).toBe(Math.round((210 / 25.4) * 150));
    const cliOut = join(dir, 'cli.png');
    const run = runCli(['map', project, '--out', cliOut, '--dpi', '150']);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'exported.pgw'), 'utf8')).toBe(readFileSync(join(dir, 'cli.pgw'), 'utf8'));
    // As a download, the world file's text comes with it.
    const downloaded = await api['map:export']({ options: { dpi: 150 }, format: 'png' });
    expect(downloaded.worldFile).toEqual({ name: 'map.pgw', path: null, content: readFileSync(join(dir, 'cli.pgw'), 'utf8') });
  }, 120_000);

  it('with the basemap option, map:export draws the project\'s tile basemap and credits it; the preview fetches no tile', async () => {
    const tiles = await startTileServer();
    try {
      await api['settings:set']({ basemapUrl: tiles.template });
      await api['map:preview']({ options: { basemap: 'wgs84' } });
      expect(tiles.requests).toEqual([]);
      const path = join(dir, 'with-basemap.pdf');
      await api['map:export']({ options: { basemap: 'wgs84', language: 'en', dpi: 150 }, format: 'pdf', path });
      expect(tiles.requests.length).toBeGreaterThan(0);
      expect(execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' })).toContain('basemap 127.0.0.1');
      // Without the option no tile is fetched and no basemap is credited.
      const before = tiles.requests.length;
      const plain = join(dir, 'without-basemap.pdf');
      await api['map:export']({ options: { language: 'en', dpi: 150 }, format: 'pdf', path: plain });
      expect(tiles.requests.length).toBe(before);
      expect(execFileSync('pdftotext', [plain, '-'], { encoding: 'utf8' })).not.toContain('basemap 127.0.0.1');
    } finally {
      await api['settings:set']({ basemapUrl: '' });
      await tiles.close();
    }
  }, 120_000);

  it('map:export never writes over the open project, whatever format is asked for', async () => {
    const before = readFileSync(project);
    for (const format of ['svg', 'pdf', 'png'] as const) {
      await expect(api['map:export']({ options: {}, format, path: project })).rejects.toMatchObject({ code: 'bad_input', reason: 'export_overwrites_project' });
    }
    expect(readFileSync(project).equals(before)).toBe(true);
    expect((await api['project:current:get']({}))?.counts.facilities).toBeGreaterThan(0);
  });

  it('refuses options outside the contract (unknown keys, a dpi the panel does not offer, an unknown paper)', async () => {
    await expect(api['map:preview']({ options: { dpi: 600 } as unknown as MapOptions })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(api['map:preview']({ options: { paper: 'B5' } as unknown as MapOptions })).rejects.toMatchObject({ code: 'bad_input' });
    await expect(api['map:preview']({ options: { script: 'x' } as unknown as MapOptions })).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('the browser host exports maps only as downloads', async () => {
    const folder = join(dir, 'served');
    const browser = apiOf(createBrowserHandlers(new ProjectSession(), { version: 'test', projectFolders: [folder] }));
    const target = join(dir, 'elsewhere.pdf');
    await expect(browser['map:export']({ options: {}, format: 'pdf', path: target })).rejects.toMatchObject({ reason: 'paths_desktop_only' });
    expect(existsSync(target)).toBe(false);
  });
});
