/**
 * What the planner waits for: from a click on "Run analysis" to the figures in the panel, on the whole
 * Wuhan 60+ grid (494,676 cells, wuhan_pop60plus_100m.tif) with the sample's five illustrative
 * facilities, in Debian's Chromium over the served app (scripts/serve.mjs, the built dist/). The first
 * run of a page and the later ones (the worker keeps the grid of a version), with the bytes the API
 * sent for each; the reference is the same analysis as one whole `siting analyze` process, measured in
 * the same run. Skipped, with the reason, when dist/ is not built or Chromium cannot start.
 * Wall times are reported, never asserted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, SAMPLE_DIR, tempDir } from '../helpers/paths';
import { servedUrl } from '../helpers/served_host';
import { testData } from '../helpers/test_data';
import { median, printTable } from './bench_util';

const RUNS = 5;
const SITING = join(REPO_ROOT, 'bin', 'siting.mjs');

function siting(args: string[]): { ms: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, [SITING, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (run.status !== 0) throw new Error(`siting ${args.join(' ')}: ${run.stderr}`);
  return { ms: performance.now() - started, stdout: run.stdout };
}

interface UiRun {
  ms: number;
  apiBytes: number;
}

async function uiRuns(project: string): Promise<UiRun[] | string> {
  if (!existsSync(join(REPO_ROOT, 'dist', 'index.html'))) return 'skipped: dist/ is not built (npx vite build)';
  const host = spawn(process.execPath, [join(REPO_ROOT, 'scripts', 'serve.mjs'), '--project', project, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let browser: import('@playwright/test').Browser | undefined;
  try {
    const { url } = await servedUrl(host, 60_000);
    const { chromium } = await import('@playwright/test');
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let apiBytes = 0;
    page.on('requestfinished', (request) => {
      if (!request.url().includes('/api/')) return;
      void request.sizes().then((sizes) => (apiBytes += sizes.responseBodySize));
    });
    await page.goto(url.href);
    await page.locator('[data-testid="map"][data-map-ready="true"]').waitFor({ timeout: 180_000 });
    await page.getByTestId('coverage-elderly-covered').waitFor({ timeout: 180_000 });
    const runs: UiRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Another radius each time, so that every run computes (nothing is answered from a cache).
      await page.getByTestId('access-radii').fill(i % 2 ? '800' : '1000');
      await page.waitForTimeout(300);
      const before = apiBytes;
      const started = performance.now();
      await page.getByTestId('access-run').click();
      await page.locator('[data-testid="access-panel"][data-phase="idle"] [data-testid="access-threshold-row"]').first().waitFor({ timeout: 180_000 });
      runs.push({ ms: performance.now() - started, apiBytes: apiBytes - before });
    }
    return runs;
  } catch (error) {
    return `skipped: ${(error as Error).message.split('\n')[0]}`;
  } finally {
    await browser?.close();
    host.kill();
  }
}

export default async function (): Promise<void> {
  const dir = tempDir('siting-bench-');
  const project = join(dir, 'wuhan.gpkg');
  siting(['new', project]);
  siting(['import', project, 'population', testData('wuhan/wuhan_pop60plus_100m.tif')]);
  siting(['import', project, 'facilities', join(SAMPLE_DIR, 'illustrative_facilities.csv')]);
  const cells = (JSON.parse(siting(['info', project, '--json']).stdout) as { counts: { population: number } }).counts.population;
  const ui = await uiRuns(project);
  // The reference: the same analysis the panel runs by default (gaps on), as one whole CLI process.
  const cliCopy = join(dir, 'cli.gpkg');
  copyFileSync(project, cliCopy);
  const cli = [1000, 800, 1000].map((radius) => siting(['analyze', cliCopy, '--radius-m', String(radius), '--gaps', '--json']).ms);
  const rows: Record<string, string | number>[] = [];
  if (typeof ui === 'string') rows.push({ action: '"Run analysis" → figures, Chromium', cells, 'ms (median)': ui, 'API bytes': '' });
  else {
    rows.push({ action: '"Run analysis" → figures, first run of the page', cells, 'ms (median)': ui[0].ms, 'API bytes': ui[0].apiBytes });
    const later = ui.slice(1);
    rows.push({ action: `"Run analysis" → figures, runs 2–${RUNS}`, cells, 'ms (median)': median(later.map((r) => r.ms)), 'API bytes': Math.max(...later.map((r) => r.apiBytes)) });
  }
  rows.push({ action: 'reference: siting analyze --gaps, whole process', cells, 'ms (median)': median(cli), 'API bytes': '–' });
  console.log('\nCircle analysis at 1000 / 800 m with gaps on the whole Wuhan 60+ grid, 5 illustrative facilities');
  printTable(rows);
}
