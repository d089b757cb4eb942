/** Runs the real `siting` command (bin/siting.mjs) in a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON (when --json was given) */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience: shapes are asserted field by field
}

export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'siting.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  let json: unknown = null;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(result.stdout);
    } catch {
      json = null;
    }
  }
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, json };
}
