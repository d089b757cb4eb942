/**
 * `--study-area <id or name>[,…]` and `--whole-project` of `siting analyze` and `siting optimize`:
 * the study area a run is limited to. Without either, the project's own setting (chosen in the app's
 * Analyse panel, stored in the project) applies, so the CLI and the app count the same cells.
 */
import { InputError } from '../../shared/errors';
import type { ProjectStore } from '../services/store/project_store';
import { listFlag } from './cli_args';

/** The areas named by the flags, or the project's setting; [] = the whole project. */
export function studyAreaRefs(values: { 'study-area'?: unknown; 'whole-project'?: unknown }, store: ProjectStore): string[] {
  const flag = typeof values['study-area'] === 'string' ? values['study-area'] : undefined;
  if (values['whole-project'] === true) {
    if (flag !== undefined) throw new InputError('give --study-area or --whole-project, not both', { field: 'study-area' });
    return [];
  }
  if (flag !== undefined) {
    const refs = listFlag(flag) ?? [];
    if (refs.length === 0) throw new InputError('--study-area needs area ids or names, e.g. --study-area 江汉区', { field: 'study-area' });
    return refs;
  }
  return store.settings().studyArea;
}
