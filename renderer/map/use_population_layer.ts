/**
 * The population layer of the map view. A regular grid (WorldPop cells) is drawn as one image from
 * the compact typed arrays (population_raster.ts), so 1,000,000 cells draw smoothly; the per-cell
 * GeoJSON is fetched only for grids small enough to hold it (cell popups with ids and 65+/80+
 * counts, and those age groups on the map), or when the cells are not on one grid (then drawn as
 * polygons and dots as before).
 */
import { useEffect, useMemo, useState } from 'react';
import type { GeoJsonFeatureCollection } from '../../shared/ipc/contract';
import { useLayer, type ProjectInfo } from '../state/app_context';
import { timed } from '../state/timing';
import { usePopulationGrid } from '../workspace/use_population_grid';
import { classBreaks, type ClassBreaks } from '../../shared/map_style/class_breaks';
import { valuesInDomain, type Bbox, type CellIndex, type ClassDomain, type ClassDomainKind } from '../../shared/map_style/class_domain';
import type { AgeGroup } from './layer_catalog';
import { LayerSettings, useLayerSettings } from './layer_settings';
import type { MapController } from './map_controller';
import { buildPopulationCells } from './population_cells';
import { PopulationRaster } from './population_raster';

/** Largest grid whose cells are also fetched as GeoJSON (~300 bytes of JSON per cell). */
export const FEATURE_DETAIL_LIMIT = 150_000;
const CLASS_COUNT = 5;
/** The view's classes follow the camera this long after it stops (not every frame of a pan). */
export const VIEW_CLASSES_DELAY_MS = 250;

export interface PopulationLayerState {
  cells: number;
  classes: ClassBreaks | null;
  /** The cells the classes were computed over ('project' also when the chosen domain held no value). */
  classDomain: ClassDomainKind;
  /** The chosen domain held no value (e.g. a view beside the grid): the whole project's classes are shown. */
  classDomainEmpty: boolean;
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
  const chosenDomain = state?.classDomain ?? 'project';
  const method = state?.classMethod ?? 'quantile';
  const studyAreaFids = state?.studyAreaFids ?? null;
  const viewBbox = useViewBbox(controller, chosenDomain === 'view');
  const cellIndex = useMemo<CellIndex | null>(
    () => (raster ? { lon: raster.grid.lon, lat: raster.grid.lat, fid: raster.grid.fid } : cells ? { lon: cells.lon, lat: cells.lat, fid: cells.fid } : null),
    [raster, cells],
  );
  const domain = useMemo<ClassDomain>(() => {
    if (chosenDomain === 'view' && viewBbox) return { kind: 'view', bbox: viewBbox };
    if (chosenDomain === 'studyArea' && studyAreaFids) return { kind: 'studyArea', fids: studyAreaFids };
    return { kind: 'project' };
  }, [chosenDomain, viewBbox, studyAreaFids]);
  const { classes, classDomain, classDomainEmpty } = useMemo(() => {
    const input = raster ? values : cells?.elderly;
    if (!input || !cellIndex) return { classes: null, classDomain: 'project' as const, classDomainEmpty: false };
    return timed('siting:class-breaks', () => {
      const inDomain = classBreaks(valuesInDomain(input, cellIndex, domain), CLASS_COUNT, method);
      if (inDomain || domain.kind === 'project') return { classes: inDomain, classDomain: domain.kind, classDomainEmpty: false };
      return { classes: classBreaks(input, CLASS_COUNT, method), classDomain: 'project' as const, classDomainEmpty: true };
    });
  }, [raster, values, cells, cellIndex, domain, method]);

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
    else if (count === 0) {
      // A project without population (an empty one just opened): nothing of the previous grid stays.
      controller.setPopulationRaster(null, null, null);
      controller.setPopulation(null, null);
    } else controller.setPopulation(cells, classes);
  }, [controller, raster, values, classes, properties, cells, count]);

  const noDataCells = useMemo(() => noDataCount(raster ? values : (cells?.elderly ?? null)), [raster, values, cells]);
  const total = raster ? raster.grid.count : cells ? cells.elderly.length : 0;
  const bbox = useMemo(() => (raster ? raster.bbox() : (cells?.bbox ?? null)), [raster, cells]);
  return {
    cells: total,
    classes,
    classDomain,
    classDomainEmpty,
    noDataCells,
    bbox,
    ageGroup,
    // The GeoJSON only adds popup fields and age groups to an image: the map does not wait for it.
    loading: gridQuery.loading || (features.loading && raster === null),
    error: gridQuery.error ?? features.error,
  };
}

/** Cells without a value (drawn in the no-data grey, whatever the class domain). */
function noDataCount(values: Float64Array | null): number {
  let count = 0;
  if (values) for (const value of values) if (!Number.isFinite(value)) count += 1;
  return count;
}

/**
 * The map's view in WGS84 [west, south, east, north], updated VIEW_CLASSES_DELAY_MS after the
 * camera stops; null while `enabled` is false (no listener then).
 */
export function useViewBbox(controller: MapController | null, enabled: boolean): Bbox | null {
  const [bbox, setBbox] = useState<Bbox | null>(null);
  useEffect(() => {
    if (!controller || !enabled) {
      setBbox(null);
      return;
    }
    const map = controller.map;
    let timer = 0;
    const read = () => {
      const bounds = map.getBounds();
      // The camera may be in GCJ-02 (display_shift.ts): the cells are in WGS84.
      const [west, south] = controller.toWgs84(bounds.getWest(), bounds.getSouth());
      const [east, north] = controller.toWgs84(bounds.getEast(), bounds.getNorth());
      setBbox([west, south, east, north]);
    };
    const onMoveEnd = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(read, VIEW_CLASSES_DELAY_MS);
    };
    controller.whenReady(read);
    map.on('moveend', onMoveEnd);
    return () => {
      window.clearTimeout(timer);
      map.off('moveend', onMoveEnd);
    };
  }, [controller, enabled]);
  return bbox;
}
