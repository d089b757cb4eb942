/**
 * The project's study area as the Analyse panel and the map read it (`study-area:get`, cached under
 * `coverage:study-area`, so an import of boundaries re-reads it) and set it (`study-area:set`, which
 * checks the ids against the boundaries layer and stores them in the project, where `siting analyze`
 * and `siting optimize` find them). Setting it invalidates every coverage figure.
 */
import { useCallback, useState } from 'react';
import type { StudyAreaInfo } from '../../shared/ipc/contract';
import { useQuery, type QueryState } from '../state/query_store';
import { KEYS, useServices } from '../state/app_context';

/** The query key of the study area (under the coverage prefix: imports and edits invalidate it). */
export const STUDY_AREA_KEY = `${KEYS.coveragePrefix}study-area`;

export interface StudyAreaState {
  info: QueryState<StudyAreaInfo>;
  /** The ids a run uses now ([] = the whole project); the areas the layer no longer has are left out. */
  areaIds: string[];
  setAreas(areaIds: string[]): Promise<void>;
  saving: boolean;
  error: unknown;
}

export function useStudyArea(enabled: boolean): StudyAreaState {
  const { api, store } = useServices();
  const info = useQuery(store, enabled ? STUDY_AREA_KEY : null, () => api['study-area:get']({}));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const setAreas = useCallback(
    async (areaIds: string[]) => {
      setSaving(true);
      setError(null);
      try {
        await api['study-area:set']({ areaIds });
        // The coverage figures, the study area's outline and the analysis inputs all change with it.
        store.invalidate(KEYS.coveragePrefix);
      } catch (caught) {
        setError(caught);
      } finally {
        setSaving(false);
      }
    },
    [api, store],
  );
  const areaIds = info.data ? info.data.areas.map((a) => a.id) : [];
  return { info, areaIds, setAreas, saving, error };
}
