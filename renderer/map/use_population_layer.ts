/**
 * The population layer of the map view. A regular grid (WorldPop cells) is drawn as one image from
 * the compact typed arrays (population_raster.ts), so 1,000,000 cells draw smoothly; the per-cell
 * GeoJSON is fetched only for grids small enough to hold it (cell popups with ids and 65+/80+
 * counts, and those age groups on the map), or when the cells are not on one grid (then drawn as
 * polygons and dots as before).
 */
import { useEffect, useMemo } from 'react';
import type { GeoJsonFeatureCollection } from '../../shared/ipc/contract';
import { useLayer, type ProjectInfo } from '../state/app_context';
import { timed } from '../state/timing';
import { usePopulationGrid } from '../workspace/use_population_grid';
import { quantileBreaks, type ClassBreaks } from '../../shared/map_style/class_breaks';
import type { AgeGroup } from './layer_catalog';
import { LayerSettings, useLayerSettings } from './layer_settings';
import type { MapController } from './map_controller';
import { buildPopulationCells } from './population_cells';
import { PopulationRaster } from './population_raster';

/** Largest grid whose cells are also fetched as GeoJSON (~300 bytes of JSON per cell). */
export const FEATURE_DETAIL_LIMIT = 150_000;
const CLASS_COUNT = 5;

export interface PopulationLayerState {
  cells: number;
  classes: ClassBreaks | null;
  noDataCells: number;
  bbox: [number, number, number, number] | null;
  ageGroup: AgeGroup;
  loading: boolean;
  error: unknown;
}

const numberOrNaN = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN);

/** Values of one age group per cell (NaN = unknown), aligned with the grid; null when the grid lacks them. */
function ageValues(raster: PopulationRaster, features: GeoJsonFeatureCollection | undefined, group: AgeGroup): Float64Array | null {
  const { grid } = raster;
  if (group === 'elderly') return grid.hasElderly ? grid.elderly : null;
  if (group === 'population') return grid.hasPopulation ? grid.population : null;
  // 65+ / 80+ are only in the GeoJSON (same cells, same fid order).
  if (!features || features.features.length !== grid.count) return null;
  const values = new Float64Array(grid.count);
  let known = 0;
  for (let i = 0; i < grid.count; i++) {
    const feature = features.features[i];
    if (grid.fid && feature.id !== grid.fid[i]) return null;
    values[i] = numberOrNaN(feature.properties[group]);
    if (!Number.isNaN(values[i])) known += 1;
  }
  return known > 0 ? values : null;
}

export function usePopulationLayer(project: ProjectInfo | null, controller: MapController | null): PopulationLayerState {
  const count = project?.counts.population ?? 0;
  const gridQuery = usePopulationGrid(count > 0);
  const grid = count > 0 ? gridQuery.data : undefined;
  const raster = useMemo(() => {
    if (!grid) return null;
    try {
      return timed('siting:population-raster-layout', () => new PopulationRaster(grid.grid, grid.cellSize));
    } catch {
      return null; // not one regular grid: drawn from GeoJSON below
    }
  }, [grid]);
  const irregular = grid !== undefined && raster === null;
  const features = useLayer('population', count > 0 && (irregular || count <= FEATURE_DETAIL_LIMIT));
  const featureData = count > 0 ? features.data : undefined;
  const { state } = useLayerSettings(controller);
  const ageGroup = state?.ageGroup ?? 'elderly';

  // Age groups this grid can show, for the layers panel.
  const ageGroups = useMemo(() => {
    if (!raster) return ['elderly'] as AgeGroup[];
    return (['elderly', 'age65', 'age80', 'population'] as const).filter((group) => ageValues(raster, featureData, group) !== null);
  }, [raster, featureData]);
  useEffect(() => {
    if (controller) LayerSettings.for(controller).setAgeGroups(ageGroups);
  }, [controller, ageGroups]);

  // Without values for the group the cells still show, in the no-data grey.
  const values = useMemo(
    () => (raster ? (ageValues(raster, featureData, ageGroup) ?? new Float64Array(raster.grid.count).fill(Number.NaN)) : null),
    [raster, featureData, ageGroup],
  );
  const cells = useMemo(
    () => (irregular && featureData ? timed('siting:population-cells', () => buildPopulationCells(featureData)) : null),
    [irregular, featureData],
  );
  const classes = useMemo(() => {
    const input = raster ? values : cells?.elderly;
    return input ? timed('siting:class-breaks', () => quantileBreaks(input, CLASS_COUNT)) : null;
  }, [raster, values, cells]);

  // Popups of image cells: the GeoJSON's fields when fetched, else the counts of the arrays.
  const properties = useMemo(() => {
    if (!raster) return null;
    const { grid: g } = raster;
    const aligned = featureData && featureData.features.length === g.count ? featureData : undefined;
    return (index: number): Record<string, unknown> => {
      const feature = aligned?.features[index];
      if (feature && (!g.fid || feature.id === g.fid[index])) return feature.properties;
      return { elderly: g.hasElderly ? g.elderly[index] : null, population: g.hasPopulation ? g.population[index] : null };
    };
  }, [raster, featureData]);

  useEffect(() => {
    if (!controller) return;
    if (raster) controller.setPopulationRaster(raster, values, classes, properties);
    else controller.setPopulation(cells, classes);
  }, [controller, raster, values, classes, properties, cells]);

  const total = raster ? raster.grid.count : cells ? cells.elderly.length : 0;
  const bbox = useMemo(() => (raster ? raster.bbox() : (cells?.bbox ?? null)), [raster, cells]);
  return {
    cells: total,
    classes,
    noDataCells: classes ? Math.max(0, total - classes.count) : 0,
    bbox,
    ageGroup,
    // The GeoJSON only adds popup fields and age groups to an image: the map does not wait for it.
    loading: gridQuery.loading || (features.loading && raster === null),
    error: gridQuery.error ?? features.error,
  };
}
