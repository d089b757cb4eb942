/**
 * The hosts' `review:sheet:pdf` (the review sheet's "Save as PDF"): on the Wuhan sample with the
 * illustrative estates and facilities, the sheet of demo-E2 under Chishui written to a path (desktop)
 * and returned as bytes (browser download) — the same A4 page, with the sheet's title, estate and
 * verdict in the language asked for; nothing stored in the project; refused over the project file,
 * for an unknown estate, and by path in the browser host.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api } from '../../shared/ipc/contract';
import { REVIEW_SHEET_TEXT } from '../../shared/usecases/review_sheet_text';
import { createBrowserHandlers } from '../../electron/host/browser_file_access';
import { createHandlers } from '../../electron/services/api_handlers';
import { ProjectSession } from '../../electron/services/project_session';
import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { apiOf } from '../helpers/host_handlers';

const pdfText = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
const pdfInfo = (pdf: string) => execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });

describe('review:sheet:pdf', () => {
  const dir = tempDir();
  const project = join(dir, 'sheet-pdf.gpkg');
  let api: Api;

  beforeAll(async () => {
    process.env.SITING_CONFIG_DIR = join(tempDir(), 'config');
    api = apiOf(createHandlers(new ProjectSession(), { host: 'electron', version: 'test', dialogs: null }));
    await api['project:create']({ path: project, sample: 'wuhan-core' });
    await api['layer:import']({ layer: 'facilities', file: { path: join(SAMPLE_DIR, 'illustrative_facilities.csv') }, options: {} });
    await api['layer:import']({ layer: 'estates', file: { path: join(SAMPLE_DIR, 'illustrative_estates.csv') }, options: {} });
  }, 120_000);

  it('writes the sheet to a path, or gives its bytes, in the language asked for; stores nothing', async () => {
    const path = join(dir, 'E2.pdf');
    const written = await api['review:sheet:pdf']({ estate: 'demo-E2', preset: 'chishui', language: 'zh', path });
    expect(written).toMatchObject({ name: 'E2.pdf', path, content: null, pages: 1 });
    expect(pdfInfo(path)).toMatch(/Page size:\s+595\.27\d* x 841\.8\d* pts \(A4\)/);
    const zh = pdfText(path);
    for (const words of [REVIEW_SHEET_TEXT.zh.title, '示意新建小区 乙 (illustrative)', '审查结论：不符合', '第 1 页，共 1 页']) expect(zh).toContain(words);

    const download = await api['review:sheet:pdf']({ estate: 'demo-E2', preset: 'chishui', language: 'en' });
    expect(download).toMatchObject({ name: 'review_sheet_demo-E2.pdf', path: null, contentEncoding: 'base64', pages: 1 });
    const bytes = Buffer.from(download.content!, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const downloaded = join(dir, 'download.pdf');
    writeFileSync(downloaded, bytes);
    const en = pdfText(downloaded);
    for (const words of [REVIEW_SHEET_TEXT.en.title, 'Verdict: Non-compliant', 'Page 1 of 1']) expect(en).toContain(words);
    expect(en).not.toContain('审查结论');
    // The sheet is reviewed for itself: the project holds no review.
    expect(await api['review:stored']({})).toBeNull();
  });

  it('refuses to write over the project, an unknown estate, and a path in the browser host', async () => {
    await expect(api['review:sheet:pdf']({ estate: 'demo-E2', language: 'zh', path: project })).rejects.toMatchObject({ reason: 'export_overwrites_project' });
    expect(await api['estates:list']({})).toHaveLength(8);
    await expect(api['review:sheet:pdf']({ estate: 'no-such-estate', language: 'zh' })).rejects.toMatchObject({ reason: 'unknown_estate' });
    const browser = apiOf(createBrowserHandlers(new ProjectSession(), { version: 'test', projectFolders: [join(dir, 'served')] }));
    await expect(browser['review:sheet:pdf']({ estate: 'demo-E2', language: 'zh', path: join(dir, 'elsewhere.pdf') })).rejects.toMatchObject({ reason: 'paths_desktop_only' });
  });
});
