import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import { FACILITY_KINDS, FACILITY_STATUSES, type FacilityKind, type FacilityStatus, type LayerName } from '../../shared/schemas/entities';
import { useFormatters } from '../i18n/format';
import { isIllustrative } from '../../shared/map_style/facility_style';
import { MapController } from '../map/map_controller';
import type { LayerGroup } from '../map/map_style';
import type { PopupLabels } from '../map/popup_content';
import { useLayerSettings } from '../map/layer_settings';
import { usePopulationLayer } from '../map/use_population_layer';
import { OUTLINE_CELL_LIMIT } from '../map/population_raster';
import { buildServiceCircles } from '../map/service_circles';
import { useLayer, type CoverageRun, type ProjectInfo } from '../state/app_context';
import { describeMapError } from '../state/describe_error';
import type { AnalysisParams } from './App';
import { Legend, type LegendData } from './Legend';
import { BasemapCrsBinding } from './basemap/BasemapCrsBinding';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const ALL_VISIBLE: Record<LayerGroup, boolean> = { population: true, uncovered: true, circles: true, boundaries: true, facilities: true };

/**
 * The map pane. Creates the MapController once, then only passes data in: population cells,
 * the last analysis (uncovered cells, service circles), facilities, boundary, attributions.
 */
export function MapView({
  project,
  coverage,
  analysis,
  basemapUrl,
  basemapAttribution = '',
  onController,
}: {
  project: ProjectInfo;
  coverage: CoverageRun | null;
  analysis: AnalysisParams;
  basemapUrl: string;
  /** Credit of the basemap's tiles (a preset's), in the attribution control. */
  basemapAttribution?: string;
  /** Receives the controller once the map exists (null when it is gone), for panel actions. */
  onController?: (controller: MapController | null) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const containerRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  /** A basemap or drawing failure (null: none). */
  const [mapError, setMapError] = useState<unknown>(null);
  // Visibility is shared with the layers panel (one store per map).
  const { state: layerState, settings: layerSettings } = useLayerSettings(controller);
  const visible: Record<LayerGroup, boolean> = layerState?.visible ?? ALL_VISIBLE;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let created: MapController;
    try {
      created = new MapController(container, { onError: setMapError });
    } catch (error) {
      // No WebGL2 and the like: the panel still works.
      setMapError(error);
      return;
    }
    setController(created);
    onController?.(created);
    return () => {
      created.destroy();
      setController(null);
      onController?.(null);
    };
    // Created once for the life of the component; onController is a state setter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const has = (layer: LayerName) => project !== null && (project.counts[layer] ?? 0) > 0;
  const population = usePopulationLayer(project, controller);
  const facilities = useLayer('facilities', has('facilities'));
  const boundaries = useLayer('boundaries', has('boundaries'));
  const facilityData = has('facilities') ? facilities.data ?? null : null;

  const classes = population.classes;
  const radiusM = coverage?.radiusM ?? analysis.radiusM;
  const kinds: readonly FacilityKind[] = coverage?.kinds ?? analysis.kinds;
  const circles = useMemo(() => (facilityData ? buildServiceCircles(facilityData, radiusM, kinds) : EMPTY), [facilityData, radiusM, kinds]);

  useEffect(() => controller?.setUncovered(coverage?.uncoveredFids ?? null), [controller, coverage]);
  useEffect(() => controller?.setFacilities((facilityData as FeatureCollection | null) ?? EMPTY), [controller, facilityData]);
  useEffect(() => controller?.setServiceCircles(circles), [controller, circles]);
  useEffect(() => {
    controller?.setBoundaries(has('boundaries') && boundaries.data ? (boundaries.data as FeatureCollection) : EMPTY);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [controller, boundaries.data, project?.counts.boundaries]);
  useEffect(() => controller?.setAttributions(project?.attributions ?? []), [controller, project?.attributions]);
  useEffect(() => controller?.setBasemap(basemapUrl, basemapAttribution), [controller, basemapUrl, basemapAttribution]);

  // On open, fit to the project (ProjectInfo.bbox); once its population grid is there, to the grid:
  // it is the analysis area, and a city boundary around it would leave its 100 m cells sub-pixel.
  // Cells still on screen from the previous project (kept while the new ones load) do not count.
  const fitted = useRef<{ path: string; cellsAtOpen: [number, number, number, number] | null; toGrid: boolean } | null>(null);
  useEffect(() => {
    if (!controller || !project) return;
    if (fitted.current?.path !== project.path) {
      fitted.current = { path: project.path, cellsAtOpen: population.bbox, toGrid: false };
      controller.fitTo(project.bbox);
    }
    const state = fitted.current;
    if (!state.toGrid && population.bbox && population.bbox !== state.cellsAtOpen) {
      controller.fitTo(population.bbox);
      state.toGrid = true;
    }
  }, [controller, project, population.bbox]);

  const popupLabels = useMemo<PopupLabels>(
    () => ({
      facility: t('popup.facility'),
      cell: t('popup.cell'),
      fields: {
        id: t('popup.id'), name: t('popup.name'), kind: t('popup.kind'), status: t('popup.status'), capacity: t('popup.capacity'),
        beds: t('popup.beds'), nursing_beds: t('popup.nursing_beds'), floor_area_m2: t('popup.floor_area_m2'), floor_level: t('popup.floor_level'),
        address: t('popup.address'), source: t('popup.source'), cell_id: t('popup.cell_id'), elderly: t('popup.elderly'), age65: t('popup.age65'),
        age80: t('popup.age80'), population: t('popup.population'), covered: t('popup.covered'),
      },
      kinds: Object.fromEntries(FACILITY_KINDS.map((kind) => [kind, t(`kinds.${kind}`)])),
      statuses: { existing: t('statuses.existing'), planned: t('statuses.planned'), proposed: t('statuses.proposed') },
      illustrativeTag: t('popup.illustrativeTag'),
      yes: t('common.yes'),
      no: t('common.no'),
    }),
    [t],
  );
  useEffect(() => controller?.setPopupText(popupLabels, format), [controller, popupLabels, format]);

  const toggle = (group: LayerGroup, on: boolean) => layerSettings?.setVisible(group, on);

  const legend = useMemo<LegendData>(() => {
    const perKind = new Map<FacilityKind, [number, number]>();
    const perStatus = new Map<FacilityStatus, number>();
    for (const feature of facilityData?.features ?? []) {
      const kind = (FACILITY_KINDS as readonly string[]).includes(String(feature.properties.kind)) ? (feature.properties.kind as FacilityKind) : 'other';
      const entry = perKind.get(kind) ?? [0, 0];
      entry[isIllustrative(feature.properties.illustrative) ? 1 : 0] += 1;
      perKind.set(kind, entry);
      const status = feature.properties.status as FacilityStatus;
      if ((FACILITY_STATUSES as readonly string[]).includes(status)) perStatus.set(status, (perStatus.get(status) ?? 0) + 1);
    }
    return {
      classes,
      noDataCells: population.noDataCells,
      uncoveredCells: coverage && population.cells > 0 ? coverage.uncoveredFids.length : null,
      populationLabel: population.ageGroup === 'elderly' ? undefined : t(`workspace.layers.ages.${population.ageGroup}`),
      uncoveredStyle: population.cells > OUTLINE_CELL_LIMIT ? 'shade' : 'hatch',
      circles: circles.features.length,
      radiusM,
      kinds: FACILITY_KINDS.filter((kind) => perKind.has(kind)).map((kind) => [kind, ...(perKind.get(kind) as [number, number])]),
      statuses: FACILITY_STATUSES.filter((status) => perStatus.has(status)).map((status) => [status, perStatus.get(status) as number]),
      hasBoundary: has('boundaries'),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [classes, population.noDataCells, population.cells, population.ageGroup, coverage, circles, radiusM, facilityData, project?.counts.boundaries, t]);

  const loading = population.loading || facilities.loading || boundaries.loading;
  const layerError = population.error ?? facilities.error ?? boundaries.error;
  return (
    <main className="map-pane" aria-label={t('app.mapLabel')}>
      <div ref={containerRef} className="map" data-testid="map" />
      {project && <Legend data={legend} visible={visible} onToggle={toggle} />}
      <BasemapCrsBinding controller={controller} projectPath={project?.path ?? null} basemapUrl={basemapUrl} hasRoads={(project?.counts.roads ?? 0) > 0} />
      {loading && (
        <p className="map-status" role="status" data-testid="map-loading">
          <span className="spinner" aria-hidden="true" />
          {t('common.loading')}
        </p>
      )}
      {(mapError !== null || layerError !== undefined) && (
        <p className="map-status map-error" role="alert" data-testid="map-error">
          {describeMapError(mapError ?? layerError, t)}
        </p>
      )}
    </main>
  );
}
