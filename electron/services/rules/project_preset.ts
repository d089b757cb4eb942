/**
 * The provision rules of a project: the preset a command names, else the one the project's settings
 * name (`rulesPreset`, default `national`). A planner's edited copies are stored in the project under
 * `rules_presets` (each with its own id and version, based on a bundled one) and checked against the
 * same schema as the bundled ones, so a review can say exactly which rule set and version it used.
 * Saving a copy raises its version and deleting one is refused while the project uses it; each is one
 * transaction with its audit entry (`preset:save`, `preset:delete`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, isInputError } from '../../../shared/errors';
import { parsePreset, presetById } from '../../../shared/rules/parse_preset';
import { PRESETS } from '../../../shared/rules/presets';
import type { Preset } from '../../../shared/rules/rule';
import type { ProjectStore } from '../store/project_store';

/** The settings key under which edited copies are stored (a JSON array of presets). */
export const EDITED_PRESETS_KEY = 'rules_presets';

/** The project's edited copies, each checked (a bad one is refused naming the rule and field). */
export function editedPresets(store: ProjectStore): Preset[] {
  const stored = store.getSetting<unknown[]>(EDITED_PRESETS_KEY) ?? [];
  return stored.map((value) => parsePreset(value));
}

/** The bundled presets and the project's edited copies (what the app's chooser lists). */
export function listPresets(store: ProjectStore): { bundled: Preset[]; edited: Preset[] } {
  return { bundled: Object.values(PRESETS), edited: editedPresets(store) };
}

/**
 * @example projectPreset(store).id // "national" for a new project
 * @example projectPreset(store, 'nanhai').rules[0].id // "care_floor_area_per_100_households"
 * @example projectPreset(store, readPresetFile('raised.json')).id // the file's preset, as it is
 */
export function projectPreset(store: ProjectStore, id?: string | Preset): Preset {
  if (typeof id === 'object') return id;
  const wanted = id ?? store.settings().rulesPreset;
  const edited = editedPresets(store).find((preset) => preset.id === wanted);
  return edited ?? presetById(wanted);
}

function isBundled(id: string): boolean {
  return Object.prototype.hasOwnProperty.call(PRESETS, id);
}

/**
 * Stores an edited copy (checked with parsePreset, so a missing number is refused naming the rule and
 * field): a new copy gets version 1, a copy already stored its version + 1, whatever version it came
 * with (and never a version a stored review used: a deleted copy saved again goes on from there). A bundled preset's id is refused (a copy has its own id).
 * @example savePreset(store, copyPreset(PRESETS.nanhai, ['nanhai'])).version // 1; saved again: 2
 */
export function savePreset(store: ProjectStore, value: unknown): Preset {
  const checked = parsePreset(value);
  if (isBundled(checked.id)) {
    throw new InputError(`preset ${checked.id} is a bundled preset; save an edited copy under its own id`, { field: 'id' }, { reason: 'preset_bundled', params: { id: checked.id } });
  }
  return store.updateSetting<unknown[], Preset>(EDITED_PRESETS_KEY, (current) => {
    const stored = (current ?? []).map((entry) => parsePreset(entry));
    const before = stored.find((preset) => preset.id === checked.id) ?? null;
    // A copy deleted and saved again under its id continues its versions: a stored review's id and
    // version always name one rule set.
    const saved: Preset = { ...checked, version: Math.max(before?.version ?? 0, store.estateReviews.highestPresetVersion(checked.id)) + 1 };
    const value = before ? stored.map((preset) => (preset.id === saved.id ? saved : preset)) : [...stored, saved];
    return { value, result: saved, audit: { action: 'preset:save', id: saved.id, before, after: saved } };
  });
}

/**
 * Deletes an edited copy. The copy the project uses (settings `rulesPreset`) is refused: choose
 * another preset (its base) first. An id that is no edited copy is refused naming the copies.
 */
export function deletePreset(store: ProjectStore, id: string): { id: string } {
  return store.updateSetting<unknown[], { id: string }>(EDITED_PRESETS_KEY, (current) => {
    const stored = (current ?? []).map((entry) => parsePreset(entry));
    const before = stored.find((preset) => preset.id === id);
    if (!before) {
      const ids = stored.map((preset) => preset.id).join(', ') || 'none';
      throw new InputError(`no edited preset ${JSON.stringify(id)} in the project; its edited presets are ${ids}`, { field: 'preset' }, { reason: 'unknown_preset', params: { id, ids } });
    }
    if (store.settings().rulesPreset === id) {
      throw new InputError(`preset ${id} is the project's rules preset; choose another (e.g. ${before.basedOn?.id ?? 'national'}) before deleting it`, { field: 'preset' }, { reason: 'preset_in_use', params: { id } });
    }
    return { value: stored.filter((preset) => preset.id !== id), result: { id }, audit: { action: 'preset:delete', id, before, after: null } };
  });
}

/** Whether a `--preset` value names a preset file (ends in .json, or is a file that exists) rather than an id. */
export function isPresetFile(value: string): boolean {
  if (value.toLowerCase().endsWith('.json')) return true;
  try {
    return existsSync(value) && statSync(value).isFile();
  } catch {
    return false;
  }
}

/**
 * A preset from a JSON file (`siting review|check --preset FILE.json`, `siting presets --import`),
 * checked with parsePreset: a missing number or a bad field is refused naming the file, rule and field.
 */
export function readPresetFile(path: string): Preset {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(`cannot read the preset file (${detail})`, { file: path }, { reason: 'import_unreadable', params: { file: basename(path) } });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError(`not a JSON file (${(error as Error).message})`, { file: path, expected: 'a preset as JSON' }, { reason: 'preset_rule_invalid', params: { rule: '—', field: 'preset' } });
  }
  try {
    return parsePreset(value);
  } catch (error) {
    if (!isInputError(error)) throw error;
    throw new InputError(error.message, { file: path }, { reason: 'preset_rule_invalid', params: { rule: String(error.params?.rule ?? '—'), field: String(error.params?.field ?? 'preset') } });
  }
}
