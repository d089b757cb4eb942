/**
 * `siting check <project.gpkg> [--preset ID] [--by-area LEVEL] [--json]`: the district rules of the
 * project's preset (or the one named) checked over the whole project and, with --by-area, per boundary
 * area of that level (shared/usecases/check_district.ts). `--by-area` is also analyze's on/off flag, so
 * the parser reads it as a switch and the level is the word after it.
 */
import { InputError } from '../../shared/errors';
import { BOUNDARY_LEVELS, type Boundary } from '../../shared/schemas/entities';
import type { DistrictCheck } from '../../shared/usecases/check_district';
import { checkProject } from '../services/rules/check_project';
import { requirePositional } from './cli_args';
import { presetFlag } from './command_presets';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE = 'siting check <project.gpkg> [--preset ID|FILE.json] [--by-area LEVEL] [--json]';

export async function runCheck(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  const byArea = byAreaLevel(positionals, values['by-area'] === true);
  const presetChoice = presetFlag(values.preset);
  return withProject(project, (store) => {
    const { preset, json } = checkProject(store, { preset: presetChoice, byArea });
    const text = [`preset ${preset.id} v${preset.version}: ${preset.en}`, ...checkLines(json.checks)].join('\n');
    return { json, text };
  });
}

function byAreaLevel(positionals: string[], flagged: boolean): Boundary['level'] | undefined {
  const word = positionals[1];
  if (positionals.length > 2) throw new InputError(`unexpected argument "${positionals[2]}"; usage: ${USAGE}`);
  if (!flagged) {
    if (word !== undefined) throw new InputError(`unexpected argument "${word}"; usage: ${USAGE}`);
    return undefined;
  }
  if (word === undefined) throw new InputError(`--by-area needs a boundary level (${BOUNDARY_LEVELS.join(', ')}); usage: ${USAGE}`, { field: 'by-area' });
  if (!(BOUNDARY_LEVELS as readonly string[]).includes(word)) {
    throw new InputError(`unknown boundary level "${word}" for --by-area; the levels are ${BOUNDARY_LEVELS.join(', ')}`, { field: 'by-area' });
  }
  return word as Boundary['level'];
}

function shown(value: number | null, unit: string): string {
  if (value === null) return '—';
  return unit.startsWith('share') ? `${(value * 100).toFixed(1)} %` : value.toFixed(1);
}

/** Terminal columns of a text: CJK and full-width characters take two. */
function width(text: string): number {
  let columns = 0;
  for (const char of text) columns += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return columns;
}

function checkLines(checks: readonly DistrictCheck[]): string[] {
  const rows = checks.map((c) => [
    c.rule + (c.group ? ` (${c.group})` : ''),
    c.scope,
    shown(c.value, c.unit),
    shown(c.target, c.unit),
    c.verdict === 'fail' ? shown(c.gap, c.unit) : '',
    c.verdict,
    [c.reason ? `missing: ${c.reason}` : '', c.failing.length > 0 ? `failing: ${c.failing.slice(0, 10).join(', ')}${c.failing.length > 10 ? ` … (${c.failing.length})` : ''}` : '']
      .filter(Boolean)
      .join('; '),
  ]);
  const header = ['rule', 'scope', 'value', 'target', 'gap', 'verdict', ''];
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => width(r[k]))));
  const line = (cells: string[]) => cells.map((cell, k) => (k === cells.length - 1 ? cell : cell + ' '.repeat(widths[k] - width(cell)))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
