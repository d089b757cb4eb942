/**
 * The provision rules of a project: the preset a command names, else the one the project's settings
 * name (`rulesPreset`, default `national`). A planner's edited copies are stored in the project under
 * `rules_presets` (each with its own id and version, based on a bundled one) and checked against the
 * same schema as the bundled ones, so a review can say exactly which rule set and version it used.
 */
import { parsePreset, presetById } from '../../../shared/rules/parse_preset';
import type { Preset } from '../../../shared/rules/rule';
import type { ProjectStore } from '../store/project_store';

/** The settings key under which edited copies are stored (a JSON array of presets). */
export const EDITED_PRESETS_KEY = 'rules_presets';

/** The project's edited copies, each checked (a bad one is refused naming the rule and field). */
export function editedPresets(store: ProjectStore): Preset[] {
  const stored = store.getSetting<unknown[]>(EDITED_PRESETS_KEY) ?? [];
  return stored.map((value) => parsePreset(value));
}

/**
 * @example projectPreset(store).id // "national" for a new project
 * @example projectPreset(store, 'nanhai').rules[0].id // "care_floor_area_per_100_households"
 */
export function projectPreset(store: ProjectStore, id?: string): Preset {
  const wanted = id ?? store.settings().rulesPreset;
  const edited = editedPresets(store).find((preset) => preset.id === wanted);
  return edited ?? presetById(wanted);
}
