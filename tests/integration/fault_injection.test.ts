/**
 * Fault injection (issue 10, part 3): the real CLI and the edit driver run under strace, which kills
 * them with SIGKILL on entering their n-th fsync, for every n a clean run makes. After each kill the
 * project must pass `PRAGMA integrity_check`, open in the app's store, hold every write whole or not
 * at all (an import, an edit, a saved scenario with its proposals and audit entries) and keep every
 * edit the driver acknowledged. The table of tried/survived runs is printed.
 *
 * A kill at an fsync leaves what was written to the file before it in the operating system's cache
 * (no power cut), so what this checks is the program's own atomicity: each write one transaction.
 * Needs strace and permission to ptrace; without them the tests are skipped and say why.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../electron/services/store/project_store';
import { BURST_SCENARIO, burstProposal } from '../helpers/edit_burst_records';
import { REPO_ROOT, SAMPLE_DIR } from '../helpers/paths';

const SITING = join(REPO_ROOT, 'bin', 'siting.mjs');
const EDIT_BURST = join(REPO_ROOT, 'tests', 'helpers', 'edit_burst.mjs');
const GRID_CSV = join(SAMPLE_DIR, 'wuhan_core_grid_100m.csv');
const GRID_CELLS = 24470;
const BURST_EDITS = 6;
const SAVED_SITES = 5;
const SYSCALLS = ['fsync', 'fdatasync'] as const;
type Syscall = (typeof SYSCALLS)[number];

/** Why strace cannot be used here, or null when it can. */
function straceProblem(): string | null {
  const strace = findStrace();
  if (!strace) return 'strace is not installed (apt-get install strace)';
  const probe = spawnSync(strace, ['-f', '-qq', '-o', '/dev/null', '-e', 'trace=fsync', process.execPath, '-e', '0'], { encoding: 'utf8' });
  if (probe.status !== 0) return `strace cannot trace here (ptrace not permitted?): ${(probe.stderr || probe.error?.message || '').trim()}`;
  return null;
}

function findStrace(): string | null {
  for (const dir of ['/usr/bin', ...(process.env.PATH ?? '').split(delimiter)]) {
    if (dir && existsSync(join(dir, 'strace'))) return join(dir, 'strace');
  }
  return null;
}

const PROBLEM = straceProblem();
const SKIP_NOTE = PROBLEM ? ` (skipped: ${PROBLEM})` : '';
if (PROBLEM) console.warn(`fault injection tests skipped: ${PROBLEM}`);

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Node 22 (the tests' own) running `args` under strace; with `kill`, SIGKILL on entering that fsync. */
function traced(args: string[], traceFile: string, kill?: { syscall: Syscall; n: number }): Run {
  const options = ['-f', '-qq', '-o', traceFile, '-e', `trace=${SYSCALLS.join(',')}`, '-e', 'signal=none'];
  if (kill) options.push('-e', `inject=${kill.syscall}:signal=KILL:when=${kill.n}`);
  const run = spawnSync(findStrace()!, [...options, process.execPath, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SITING_DEBUG: '1' } });
  return { status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** strace dies of its tracee's signal (or exits 128 + 9 when it cannot). */
const killed = (run: Run) => run.signal === 'SIGKILL' || run.status === 137;

function fsyncCounts(traceFile: string): Record<Syscall, number> {
  const text = readFileSync(traceFile, 'utf8');
  const counts = { fsync: 0, fdatasync: 0 };
  for (const line of text.split('\n')) {
    const call = /^\d+\s+(fsync|fdatasync)\(/.exec(line)?.[1] as Syscall | undefined;
    if (call) counts[call]++;
  }
  return counts;
}

/** Problems of a project file after a kill: integrity, then what the operation left. */
function checkFile(path: string, checkData: (db: Database.Database, store: ProjectStore) => string[]): string[] {
  const db = new Database(path);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return [`integrity_check: ${String(integrity)}`];
    const store = ProjectStore.open(path);
    try {
      return checkData(db, store);
    } finally {
      store.close();
    }
  } catch (error) {
    return [`cannot read the project: ${(error as Error).message}`];
  } finally {
    db.close();
  }
}

const auditCount = (db: Database.Database, where: string, ...values: unknown[]) =>
  (db.prepare(`SELECT count(*) AS n FROM audit_log WHERE ${where}`).get(...values) as { n: number }).n;

interface Operation {
  name: string;
  /** The project file each run starts from (copied fresh for each run). */
  base: () => string;
  args: (path: string) => string[];
  /** What must hold after a run, killed or not; `complete` for the clean run. */
  check: (path: string, run: Run, complete: boolean) => string[];
}

const OPERATIONS: Operation[] = [
  {
    name: `import ${GRID_CELLS} cells (CSV)`,
    base: () => bases.empty,
    args: (path) => [SITING, 'import', path, 'population', GRID_CSV],
    check: (path, _run, complete) =>
      checkFile(path, (db, store) => {
        const cells = store.counts().population;
        const imports = auditCount(db, "action = 'import'");
        const extent = store.info().bbox;
        if (cells === GRID_CELLS && imports === 1 && extent !== null) return [];
        if (!complete && cells === 0 && imports === 0 && extent === null) return [];
        return [`partial import: ${cells} cells, ${imports} import audit entries, extent ${JSON.stringify(extent)}`];
      }),
  },
  {
    name: `edit burst (${BURST_EDITS} edits)`,
    base: () => bases.sample,
    args: (path) => [EDIT_BURST, path, String(BURST_EDITS)],
    check: (path, run, complete) =>
      checkFile(path, (db, store) => {
        const acks = [...run.stdout.matchAll(/^ack (\d+)$/gm)].map((m) => Number(m[1]));
        const acked = acks.length ? acks[acks.length - 1] : -1;
        if (complete && acked !== BURST_EDITS) return [`the clean run acknowledged ${acked} of ${BURST_EDITS} edits: ${run.stderr}`];
        const scenario = store.scenarios().find((s) => s.name === BURST_SCENARIO);
        if (!scenario) return acked >= 0 ? [`acknowledged scenario "${BURST_SCENARIO}" is missing`] : [];
        const proposals = store.edits.proposals(scenario.id);
        const applied = proposals.length;
        const problems: string[] = [];
        if (applied < acked) problems.push(`${acked} edits acknowledged, ${applied} in the file`);
        if (applied > acked + 1) problems.push(`${applied} edits in the file, only ${acked} acknowledged and one in flight`);
        for (const [index, proposal] of proposals.entries()) {
          const n = index + 1;
          const expected = burstProposal(scenario.id, n, n < applied ? 'moved' : 'placed');
          if (proposal.id !== expected.id || proposal.lon !== expected.lon || proposal.note !== expected.note) {
            problems.push(`edit ${n} half there: ${proposal.id} at ${proposal.lon} (${proposal.note}), expected ${expected.lon} (${expected.note})`);
          }
        }
        const audited = auditCount(db, "action = 'proposal:burst'");
        if (audited !== Math.max(0, 2 * applied - 1)) problems.push(`${audited} audit entries for ${applied} edits`);
        return problems;
      }),
  },
  {
    name: `optimize --save (${SAVED_SITES} sites)`,
    base: () => bases.sample,
    args: (path) => [SITING, ...saveArgs(path)],
    check: (path, _run, complete) =>
      checkFile(path, (db, store) => {
        const scenario = store.scenarios().find((s) => s.name === 'five');
        const proposals = (db.prepare("SELECT count(*) AS n FROM proposals WHERE scenario_id = 'five'").get() as { n: number }).n;
        const created = auditCount(db, "action = 'scenario:create' AND feature_id = 'five'");
        const added = auditCount(db, "action = 'proposal:add' AND feature_id LIKE 'five-%'");
        if (scenario && proposals === SAVED_SITES && created === 1 && added === SAVED_SITES) return [];
        if (!complete && !scenario && proposals === 0 && created === 0 && added === 0) return [];
        return [`partial save: scenario ${scenario ? 'present' : 'absent'}, ${proposals} proposals, ${created} + ${added} audit entries`];
      }),
  },
];

function saveArgs(path: string): string[] {
  return ['optimize', path, '--problem', 'max-coverage', '--sites', String(SAVED_SITES), '--radius-m', '1000', '--candidates', 'grid', '--save', '--scenario', 'five'];
}

const work = mkdtempSync(join(tmpdir(), 'siting-fault-'));
const bases = { empty: join(work, 'empty.gpkg'), sample: join(work, 'sample.gpkg') };
let runCount = 0;

/** A fresh copy of a base project (the bases are closed cleanly: no -wal beside them). */
function freshCopy(base: string): string {
  const path = join(work, `run-${++runCount}.gpkg`);
  copyFileSync(base, path);
  return path;
}

function cli(args: string[]): void {
  const run = spawnSync(process.execPath, [SITING, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`siting ${args.join(' ')} failed: ${run.stderr}`);
}

describe('kill -9 at every fsync: nothing partial, every acknowledged edit kept', () => {
  beforeAll(() => {
    if (PROBLEM) return;
    cli(['new', bases.empty]);
    cli(['new', bases.sample, '--sample', 'wuhan-core']);
  }, 120_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  // On a developer's machine without strace the suite is skipped; CI (.ci/run installs strace) must run it.
  it.runIf(PROBLEM !== null && process.env.CI === 'true')('runs in CI: strace is installed and may trace', () => {
    expect(PROBLEM).toBeNull();
  });

  // Skipped (reason in the title) where strace is missing or may not trace; CI fails instead (above).
  it.skipIf(PROBLEM !== null)(`import, edit burst and optimize --save survive a kill at each of their fsyncs${SKIP_NOTE}`, () => {
    const rows: { operation: string; fsync: number; fdatasync: number; tried: number; killed: number; survived: number }[] = [];
    const failures: string[] = [];
    for (const operation of OPERATIONS) {
      const cleanPath = freshCopy(operation.base());
      const cleanRun = traced(operation.args(cleanPath), `${cleanPath}.trace`);
      expect(cleanRun.status, `${operation.name}: ${cleanRun.stderr}`).toBe(0);
      expect(operation.check(cleanPath, cleanRun, true), operation.name).toEqual([]);
      const counts = fsyncCounts(`${cleanPath}.trace`);
      const row = { operation: operation.name, ...counts, tried: 0, killed: 0, survived: 0 };
      for (const syscall of SYSCALLS) {
        for (let n = 1; n <= counts[syscall]; n++) {
          const path = freshCopy(operation.base());
          const run = traced(operation.args(path), '/dev/null', { syscall, n });
          row.tried++;
          if (killed(run)) row.killed++;
          else failures.push(`${operation.name}, kill at ${syscall} #${n}: the run was not killed (exit ${run.status}): it did not reach that fsync`);
          const problems = operation.check(path, run, false);
          if (problems.length === 0) row.survived++;
          else failures.push(`${operation.name}, kill at ${syscall} #${n}: ${problems.join('; ')}`);
        }
      }
      rows.push(row);
    }
    console.log(
      [
        'operation                      fsync fdatasync tried killed survived',
        ...rows.map((r) => `${r.operation.padEnd(30)} ${String(r.fsync).padStart(5)} ${String(r.fdatasync).padStart(9)} ${String(r.tried).padStart(5)} ${String(r.killed).padStart(6)} ${String(r.survived).padStart(8)}`),
      ].join('\n'),
    );
    expect(failures).toEqual([]);
    for (const row of rows) expect(row.tried, row.operation).toBeGreaterThanOrEqual(3);
  }, 240_000);

  // Skipped (reason in the title) where strace is missing or may not trace; CI fails instead (above).
  it.skipIf(PROBLEM !== null)(`issue 10 reproduction: optimize --save killed at an fsync leaves its scenario whole or absent, never empty${SKIP_NOTE}`, () => {
    // The 1st fsync comes before the save commits: no scenario, and the same command saves it.
    const before = freshCopy(bases.sample);
    const first = traced([SITING, ...saveArgs(before)], '/dev/null', { syscall: 'fsync', n: 1 });
    expect(killed(first), first.stderr).toBe(true);
    expect(OPERATIONS[2].check(before, first, false)).toEqual([]);
    const again = spawnSync(process.execPath, [SITING, ...saveArgs(before)], { encoding: 'utf8' });
    expect(again.stderr).not.toMatch(/siting:/);
    expect(again.stdout).toMatch(/saved as scenario "five" \(5 proposals\)/);
    expect(again.status).toBe(0);
    // The 3rd is the fsync of the save's commit (after the WAL header and its directory): the
    // commit's frames are written, so the scenario is there with all its proposals, and a second
    // save under the same name is refused because that scenario exists.
    const during = freshCopy(bases.sample);
    const third = traced([SITING, ...saveArgs(during)], '/dev/null', { syscall: 'fsync', n: 3 });
    expect(killed(third), third.stderr).toBe(true);
    const store = ProjectStore.open(during);
    const scenario = store.scenarios().find((s) => s.name === 'five');
    const proposals = scenario ? store.edits.proposals(scenario.id).length : null;
    store.close();
    expect(proposals).toBe(SAVED_SITES);
  }, 60_000);
});
