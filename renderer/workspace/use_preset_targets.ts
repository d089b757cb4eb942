/**
 * The planning targets of the project's rule preset (settings `rulesPreset`: a bundled preset or an
 * edited copy stored in the project), for the figures that show a target. Read through the query
 * store under PRESET_TARGETS_KEY, so that choosing another preset or saving an edited copy (which
 * invalidate the key) shows the new targets; null until read, or when the project names no preset the
 * host knows (then no target is shown).
 */
import { presetTargets, type PresetTargets } from '../../shared/rules/preset_targets';
import { useServices } from '../state/app_context';
import { useQuery } from '../state/query_store';

/** Query key of the project's preset targets (under `project`: re-read whenever the project is). */
export const PRESET_TARGETS_KEY = 'project:preset-targets';

export function usePresetTargets(): PresetTargets | null {
  const { api, store } = useServices();
  const read = useQuery(store, PRESET_TARGETS_KEY, async () => {
    const [settings, presets] = await Promise.all([api['settings:get']({}), api['presets:list']({})]);
    const preset = [...presets.edited, ...presets.bundled].find((candidate) => candidate.id === settings.rulesPreset);
    return preset ? presetTargets(preset) : null;
  });
  return read.data ?? null;
}
