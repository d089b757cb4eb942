/**
 * The population grid of the project snapshot (renderer/analysis/snapshot_client.ts), shared by the
 * map (drawn as one image), the live figures and the analysis workers. Its key sits under
 * `layer:population`, so whatever invalidates the population layer (an import) asks the host again;
 * the grid itself travels again only when the host's version of the layer differs from the one held.
 */
import type { DemandGrid } from '../../shared/engine/demand_grid';
import { snapshotClient } from '../analysis/snapshot_client';
import { useServices } from '../state/app_context';
import { useQuery, type QueryState } from '../state/query_store';
import { timedAsync } from '../state/timing';

export interface PopulationGrid {
  grid: DemandGrid;
  /** The cell size every cell states, else null (then inferred from the centres, or drawn as points). */
  cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null;
}

export const POPULATION_GRID_KEY = 'layer:population:grid';

export function usePopulationGrid(enabled: boolean): QueryState<PopulationGrid> {
  const { api, store } = useServices();
  return useQuery(store, enabled ? POPULATION_GRID_KEY : null, async () => {
    const { grid } = await timedAsync('siting:population-grid-fetch', () => snapshotClient(api).grid());
    return { grid, cellSize: grid.cellSize };
  });
}
