/**
 * Start-up of the `siting` command line, whole processes (issue 14, goal 1): `siting --help` within 4×
 * a bare `node -e 0`, `siting info` on the Wuhan sample project ≤ 0.3 s. Every command is spawned
 * from the system Node (the first `node` on PATH outside the repository, as a user types it — on this
 * machine a Node 20, so bin/siting.mjs re-runs commands on the Node 22 in node_modules), the reference
 * `node -e 0` from the same Node in the same run, the commands taking turns; medians of RUNS runs after
 * one warm-up. Also: the same on the Node 22 directly (what `npm run siting` / `npx siting` start, node_modules/.bin being
 * first on their PATH), the old path (SITING_CLI_FROM_SOURCE=1: the TypeScript sources through tsx,
 * its cache warm), the one-time bundle build, and the freshness check every start pays.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildCliBundle, bundleStaleness, CLI_BUNDLE_DIR } from '../../scripts/cli_bundle.mjs';
import { REPO_ROOT, tempDir } from '../helpers/paths';
import { median, printTable } from './bench_util';

const RUNS = 9;
const SITING = join(REPO_ROOT, 'bin', 'siting.mjs');
const NODE22 = join(REPO_ROOT, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

/** The first `node` on PATH outside the repository (npm run puts node_modules/.bin first), else this one. */
function systemNode(): string {
  const separator = process.platform === 'win32' ? ';' : ':';
  const name = process.platform === 'win32' ? 'node.exe' : 'node';
  for (const dir of (process.env.PATH ?? '').split(separator)) {
    if (dir && !dir.startsWith(REPO_ROOT) && existsSync(join(dir, name))) return join(dir, name);
  }
  return process.execPath;
}

function nodeVersion(node: string): string {
  return spawnSync(node, ['-p', 'process.version'], { encoding: 'utf8' }).stdout.trim();
}

interface Command {
  what: string;
  node: string;
  args: string[];
  target: string;
  env?: Record<string, string>;
  runs?: number;
}

/**
 * Wall times (ms) of each command's whole process, after one warm-up run each. The commands take turns
 * (run 1 of each, then run 2 of each, …), so that a burst of load on the machine falls on all of them
 * alike rather than on one row. Throws if a run fails.
 */
function timeInTurns(commands: Command[], env: Record<string, string>): number[][] {
  const times = commands.map(() => [] as number[]);
  for (let i = -1; i < RUNS; i++) {
    commands.forEach((command, c) => {
      if (i >= (command.runs ?? RUNS)) return;
      const started = performance.now();
      const result = spawnSync(command.node, command.args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env, ...command.env } });
      const ms = performance.now() - started;
      if (result.status !== 0) throw new Error(`${command.node} ${command.args.join(' ')} exited ${result.status}: ${result.stderr}`);
      if (i >= 0) times[c].push(ms);
    });
  }
  return times;
}

export default async function startupBench(): Promise<void> {
  const dir = tempDir('siting-startup-');
  const project = join(dir, 'wuhan.gpkg');
  const env = { SITING_CONFIG_DIR: join(dir, 'config') };
  const system = systemNode();

  // One-time build (what npm install's prepare script and npm run build do), into a folder of its own.
  const buildDir = join(REPO_ROOT, 'dist-cli', `bench-${process.pid}`);
  const buildStarted = performance.now();
  const { esbuildMs } = await buildCliBundle({ bundleDir: buildDir, logLevel: 'silent' });
  const buildMs = performance.now() - buildStarted;
  rmSync(buildDir, { recursive: true, force: true });
  if (bundleStaleness() !== null) await buildCliBundle({ logLevel: 'silent' });
  const manifest = JSON.parse(readFileSync(join(CLI_BUNDLE_DIR, 'current.json'), 'utf8')) as { inputs: unknown[] };
  const checks: number[] = [];
  for (let i = 0; i < 51; i++) {
    const started = performance.now();
    bundleStaleness();
    checks.push(performance.now() - started);
  }

  const made = spawnSync(system, [SITING, 'new', project, '--sample', 'wuhan-core'], { encoding: 'utf8', env: { ...process.env, ...env } });
  if (made.status !== 0) throw new Error(`siting new: ${made.stderr}`);
  const cells = JSON.parse(spawnSync(system, [SITING, 'info', project, '--json'], { encoding: 'utf8', env: { ...process.env, ...env } }).stdout).counts
    .population as number;

  const fromSource = { SITING_CLI_FROM_SOURCE: '1' };
  const commands: Command[] = [
    { what: 'node -e 0 (reference)', node: system, args: ['-e', '0'], target: '' },
    { what: 'siting --help', node: system, args: [SITING, '--help'], target: '≤ 4×' },
    { what: `siting info (Wuhan sample, ${cells} cells)`, node: system, args: [SITING, 'info', project], target: '≤ 300 ms' },
    { what: 'node -e 0 on Node 22', node: NODE22, args: ['-e', '0'], target: '' },
    { what: 'siting --help on Node 22 (npm run siting)', node: NODE22, args: [SITING, '--help'], target: '' },
    { what: 'siting info on Node 22 (npm run siting)', node: NODE22, args: [SITING, 'info', project], target: '' },
    { what: 'before: siting --help from sources (tsx)', node: system, args: [SITING, '--help'], target: '', env: fromSource, runs: 3 },
    { what: 'before: siting info from sources (tsx)', node: system, args: [SITING, 'info', project], target: '', env: fromSource, runs: 3 },
  ];
  const medians = timeInTurns(commands, env).map(median);
  const reference = medians[0];
  const rows = commands.map((command, c) => ({
    command: command.what,
    node: nodeVersion(command.node),
    runs: command.runs ?? RUNS,
    'median ms': Math.round(medians[c]),
    '× node -e 0': (medians[c] / reference).toFixed(2),
    target: command.target,
  }));
  printTable(rows);
  console.log(
    `\nbundle build (once, by npm install / npm run build, or by siting after a source changed): ${Math.round(buildMs)} ms (esbuild ${esbuildMs} ms); ` +
      `freshness check on every start: ${median(checks).toFixed(2)} ms median (${manifest.inputs.length} files stat'ed). There is no \`siting --version\`.`,
  );
  if (process.env.NODE_EXTRA_CA_CERTS) {
    console.log('NODE_EXTRA_CA_CERTS is set: Node 20 reads those certificates at every start (Node 22 only when it uses TLS).');
  }
  rmSync(dir, { recursive: true, force: true });
}
