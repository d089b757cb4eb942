/**
 * The district compliance check of an open project (issue 12), as `siting check` and the hosts'
 * `compliance:check` run it: the project's snapshot and facilities read from the store and the shared
 * use case (shared/usecases/check_district.ts), over the whole project and, with `byArea`, per
 * boundary area of that level. An unknown preset is refused (InputError, reason unknown_preset).
 */
import type { Preset } from '../../../shared/rules/rule';
import type { Boundary } from '../../../shared/schemas/entities';
import { checkDistrict, type DistrictCheck } from '../../../shared/usecases/check_district';
import type { ProjectStore } from '../store/project_store';
import { readProjectSnapshot } from '../store/project_snapshot';
import { projectPreset } from './project_preset';

export interface CheckProjectRequest {
  /** A preset id, or a preset read from a file (`--preset FILE.json`); absent: the project's (settings `rulesPreset`). */
  preset?: string | Preset;
  /** Check each boundary area of this level too. */
  byArea?: Boundary['level'];
}

/** The JSON of `siting check --json`. */
export interface CheckJson {
  preset: { id: string; version: number };
  byArea?: Boundary['level'];
  checks: DistrictCheck[];
}

/**
 * @example checkProject(store, { preset: 'doumen' }).json.checks.find((c) => c.rule === 'beds_per_1000_older')?.value
 */
export function checkProject(store: ProjectStore, request: CheckProjectRequest): { preset: Preset; json: CheckJson } {
  const { byArea } = request;
  const preset = projectPreset(store, request.preset);
  const snapshot = readProjectSnapshot(store);
  const result = checkDistrict(snapshot, store.districtFacilities(), preset, { byArea });
  const json: CheckJson = {
    preset: { id: preset.id, version: preset.version },
    ...(byArea ? { byArea } : {}),
    checks: result.checks,
  };
  return { preset, json };
}
