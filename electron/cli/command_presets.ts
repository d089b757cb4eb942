/**
 * `siting presets <project.gpkg> [--export ID --out file.json | --import file.json] [--json]`: the
 * rule presets a project can use — the bundled ones and the planner's edited copies stored in the
 * project (`rules_presets`, each with its version and the bundled preset it is based on). `--export`
 * writes one as JSON (a file to edit and pass to `siting review|check --preset FILE.json`);
 * `--import` stores a preset file in the project as an edited copy (a bundled or taken id gets a
 * copy's own id). A file with a missing number or a bad field exits 2 naming the file, rule and field,
 * and nothing is written.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError } from '../../shared/errors';
import { copyPreset } from '../../shared/rules/edit_preset';
import { parsePreset } from '../../shared/rules/parse_preset';
import { PRESETS } from '../../shared/rules/presets';
import type { Preset } from '../../shared/rules/rule';
import { isPresetFile, listPresets, projectPreset, readPresetFile, savePreset } from '../services/rules/project_preset';
import { requirePositional } from './cli_args';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE = 'siting presets <project.gpkg> [--export ID --out file.json | --import file.json] [--json]';

/** A preset as `siting presets --json` lists it. */
interface PresetEntry {
  id: string;
  version: number;
  zh: string;
  en: string;
  edited: boolean;
  basedOn: { id: string; version: number } | null;
  inUse: boolean;
}

export async function runPresets(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  if (positionals.length > 1) throw new InputError(`unexpected argument "${positionals[1]}"; usage: ${USAGE}`);
  const exported = values.export;
  const imported = values.import;
  const out = values.out;
  if (exported !== undefined && imported !== undefined) throw new InputError(`--export and --import go one at a time; usage: ${USAGE}`, { field: 'import' });
  if (exported !== undefined && out === undefined) throw new InputError(`--export needs --out file.json; usage: ${USAGE}`, { field: 'out' });
  if (exported === undefined && out !== undefined) throw new InputError(`--out goes with --export ID; usage: ${USAGE}`, { field: 'out' });
  // A bad file is refused before the project is opened: nothing written.
  const file = imported !== undefined ? readPresetFile(imported) : null;
  return withProject(project, (store) => {
    if (exported !== undefined && out !== undefined) {
      if (resolve(out) === resolve(store.path)) {
        throw new InputError('--out would overwrite the open project file; choose another file name', { file: out, field: 'out' }, { reason: 'export_overwrites_project' });
      }
      const preset = projectPreset(store, exported);
      writePresetFile(out, preset);
      return { json: { exported: { id: preset.id, version: preset.version }, out }, text: `preset ${preset.id} (version ${preset.version}) written to ${out}` };
    }
    if (file !== null) {
      const { bundled, edited } = listPresets(store);
      const taken = [...bundled, ...edited].map((preset) => preset.id);
      const copy = taken.includes(file.id) ? copyPreset(file, taken) : file;
      const saved = savePreset(store, copy);
      const from = saved.basedOn ? `, based on ${saved.basedOn.id} v${saved.basedOn.version}` : '';
      return { json: { imported: { id: saved.id, version: saved.version, basedOn: saved.basedOn ?? null } }, text: `preset file ${imported} imported as ${saved.id} (version ${saved.version}${from})` };
    }
    const inUse = store.settings().rulesPreset;
    const { bundled, edited } = listPresets(store);
    const entry = (preset: Preset, isEdited: boolean): PresetEntry => ({
      id: preset.id,
      version: preset.version,
      zh: preset.zh,
      en: preset.en,
      edited: isEdited,
      basedOn: preset.basedOn ?? null,
      inUse: preset.id === inUse,
    });
    const presets = [...bundled.map((preset) => entry(preset, false)), ...edited.map((preset) => entry(preset, true))];
    const lines = presets.map((p) => `${p.inUse ? '*' : ' '} ${p.id} v${p.version}${p.edited ? ` (edited, based on ${p.basedOn?.id ?? '—'} v${p.basedOn?.version ?? '—'})` : ''}: ${p.en}`);
    return { json: { rulesPreset: inUse, presets }, text: [...lines, '(* the project\'s preset)'].join('\n') };
  });
}

function writePresetFile(path: string, preset: Preset): void {
  try {
    writeFileSync(path, `${JSON.stringify(preset, null, 2)}\n`, 'utf8');
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(`cannot write the file (${detail})`, { file: path, field: 'out', expected: 'a writable path' }, { reason: 'cannot_write', params: { detail } });
  }
}

/**
 * The `--preset` of `siting review|check`: an id as it is, or — a path ending in .json or a file
 * that exists — the preset read from that file (refused, exit 2, naming the file, rule and field when
 * a number is missing or a field is bad). A file that claims a bundled preset's id must be that
 * preset unchanged: a changed copy needs its own id, so a stored review never names the bundled rules
 * for numbers they do not have.
 */
export function presetFlag(value: string | undefined): string | Preset | undefined {
  if (value === undefined || !isPresetFile(value)) return value;
  const preset = readPresetFile(value);
  if (Object.prototype.hasOwnProperty.call(PRESETS, preset.id)) {
    const bundled = parsePreset(PRESETS[preset.id as keyof typeof PRESETS]);
    if (JSON.stringify(bundled) !== JSON.stringify(preset)) {
      throw new InputError(`the file changes the bundled preset ${preset.id}: give the edited copy its own id (siting presets --import makes one)`, { file: value, field: 'id' }, { reason: 'preset_bundled', params: { id: preset.id } });
    }
  }
  return preset;
}
