/**
 * The population grid in compact typed-array form (`analysis:inputs:get`), shared by the map (drawn
 * as one image) and the live figures. Its key sits under `layer:population`, so whatever invalidates
 * the population layer (an import) fetches the grid again.
 */
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { useServices } from '../state/app_context';
import { useQuery, type QueryState } from '../state/query_store';
import { timed, timedAsync } from '../state/timing';
import { decodeDemandGrid } from './decode_inputs';

export interface PopulationGrid {
  grid: DemandGrid;
  /** The cell size every cell states, else null (then inferred from the centres, or drawn as points). */
  cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null;
}

export const POPULATION_GRID_KEY = 'layer:population:grid';

export function usePopulationGrid(enabled: boolean): QueryState<PopulationGrid> {
  const { api, store } = useServices();
  return useQuery(store, enabled ? POPULATION_GRID_KEY : null, async () => {
    const inputs = await timedAsync('siting:population-grid-fetch', () => api['analysis:inputs:get']({}));
    const grid = timed('siting:population-grid-decode', () => decodeDemandGrid(inputs));
    return { grid, cellSize: inputs.cellSize };
  });
}
