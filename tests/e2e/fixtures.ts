/**
 * Playwright fixtures: every test gets a fresh temporary folder and the real local host
 * (`node scripts/serve.mjs --project <tmp>/project.gpkg --sample wuhan-core --port 0`), whose
 * printed URL (with the session token) the test opens. The server is killed after the test.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Node 22 (better-sqlite3 needs it): this process's node when it is 22+, else the bundled one. */
export function node22(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const bundled = join(repoRoot, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(bundled)) throw new Error(`Node 22 is needed; ${bundled} is missing (run npm install)`);
  return bundled;
}

export interface RunningServer {
  url: string;
  projectPath: string;
  stop(): Promise<void>;
}

const URL_LINE = /Siting Planner: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/;

/**
 * Starts the local host on `projectPath` (created from the Wuhan sample if missing); with
 * `openProject: false` the host starts without a project (the path's folder still holds its config).
 */
export async function startServer(projectPath: string, { openProject = true, timeoutMs = 90_000 } = {}): Promise<RunningServer> {
  const projectArgs = openProject ? ['--project', projectPath, '--sample', 'wuhan-core'] : [];
  // Own process group, so stop() also ends any process the script starts.
  const child: ChildProcess = spawn(
    node22(),
    [join(repoRoot, 'scripts', 'serve.mjs'), ...projectArgs, '--port', '0'],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      // The recent-projects list goes next to the test's project, not into the user's config.
      env: { ...process.env, SITING_CONFIG_DIR: join(dirname(projectPath), 'config') },
    },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server printed no URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before printing its URL:\n${output}`));
    });
  });
  // Keep draining the pipes so the server never blocks on a full stdout.
  child.stdout?.resume();
  child.stderr?.resume();
  return {
    url,
    projectPath,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      const pid = child.pid;
      signalGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => child.exitCode === null && signalGroup(pid, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Signals the server's process group. The group may already be gone (the server exited and Node has
 * not yet delivered its 'exit' event): ESRCH then means there is nothing left to stop.
 */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** `siting analyze <project> --json` with the app's default kinds, as the CLI computes it. */
export async function cliAnalyze(projectPath: string, radiusM = 1000): Promise<{
  elderly: { total: number; covered: number; ratio: number | null };
  population: { total: number; covered: number; ratio: number | null };
  cells: { total: number; covered: number };
  facilities: number;
}> {
  const { stdout } = await promisify(execFile)(
    node22(),
    [join(repoRoot, 'bin', 'siting.mjs'), 'analyze', projectPath, '--radius-m', String(radiusM), '--kinds', 'day_care,community_station', '--json'],
    { cwd: repoRoot, timeout: 60_000 },
  );
  return JSON.parse(stdout);
}

/** Digits of a formatted number ("518,264", "of 518,264", "共 518,264") as a number. */
export function parseCount(text: string): number {
  const digits = text.replace(/[^\d.]/g, '');
  if (digits === '') throw new Error(`no number in "${text}"`);
  return Number(digits);
}

/** Waits until the map has loaded its data and MapLibre reports idle. */
export async function waitForMap(page: Page): Promise<void> {
  const map = page.getByTestId('map');
  await expect(map).toHaveAttribute('data-map-ready', 'true');
  await expect(page.getByTestId('map-loading')).toHaveCount(0);
  await expect(map.locator('canvas.maplibregl-canvas')).toBeVisible();
  await expect(map).toHaveAttribute('data-idle', 'true');
}

/** Waits for the coverage figures of the current parameters. */
export async function waitForCoverage(page: Page): Promise<void> {
  // In the Analyse tab, which need not be the one shown (tabs.ts opens it to read the figures).
  await expect(page.getByTestId('coverage-elderly-covered')).toBeAttached();
  await expect(page.getByTestId('coverage-running')).toHaveCount(0);
}

/** Console messages that are not failures of the app. */
const IGNORED_CONSOLE = [
  // The CSP meta carries frame-ancestors as asked; browsers honour it only as an HTTP header.
  /'frame-ancestors' is ignored when delivered via a <meta> element/,
];

/**
 * The app asks its host every 2 s whether another program changed the project (project:changes:get).
 * When a test stops or restarts the host with the page still open, that background poll is refused,
 * as it would be when a user quits the host; any other refused request still fails the test.
 */
function isBackgroundPollRefused(text: string, url: string): boolean {
  return text.includes('net::ERR_CONNECTION_REFUSED') && /\/api\/project:changes:get(\?|$)/.test(url);
}

/** The app's User Timing measures (`siting:*`), in milliseconds. */
export async function readMeasures(page: Page): Promise<Array<{ name: string; ms: number }>> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('measure')
      .filter((entry) => entry.name.startsWith('siting:'))
      .map((entry) => ({ name: entry.name, ms: Math.round(entry.duration * 10) / 10 })),
  );
}

export const test = base.extend<{ workDir: string; server: RunningServer; consoleAllowed: RegExp[] }>({
  /** Console errors a test expects (e.g. refused requests); set with test.use(). */
  consoleAllowed: [[], { option: true }],
  // Every test fails on uncaught exceptions or console errors of the page.
  page: async ({ page, consoleAllowed }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    page.on('console', (message) => {
      const expected =
        [...IGNORED_CONSOLE, ...consoleAllowed].some((pattern) => pattern.test(message.text())) || isBackgroundPollRefused(message.text(), message.location().url);
      if (message.type() === 'error' && !expected) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    await use(page);
    expect(problems, 'errors in the page').toEqual([]);
  },
  workDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'siting-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  server: async ({ workDir, context }, use) => {
    const server = await startServer(join(workDir, 'project.gpkg'));
    await use(server);
    // Pages leave before their host stops (as when the window closes), so that no request is refused.
    for (const open of context.pages()) await open.goto('about:blank').catch(() => undefined);
    await server.stop();
  },
});

export { expect };
