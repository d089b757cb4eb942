import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeatureCollection } from 'geojson';
import { FACILITY_KINDS, FACILITY_STATUSES, type FacilityKind, type FacilityStatus, type LayerName } from '../../shared/schemas/entities';
import { useFormatters } from '../i18n/format';
import { isIllustrative } from '../../shared/map_style/facility_style';
import { MapController } from '../map/map_controller';
import type { CatalogGroup } from '../map/layer_catalog';
import { legendEntries } from '../map/legend_model';
import type { PopupLabels } from '../map/popup_content';
import { useLayerSettings } from '../map/layer_settings';
import { usePopulationLayer } from '../map/use_population_layer';
import { OUTLINE_CELL_LIMIT } from '../map/population_raster';
import { isOfKinds } from '../../shared/engine/facilities_in_service';
import { useWorkspace } from '../workspace/workspace_context';
import { buildServiceCircles } from '../map/service_circles';
import { useLayer, useServices, type CoverageRun, type ProjectInfo } from '../state/app_context';
import { useQuery } from '../state/query_store';
import { STUDY_AREA_KEY, useStudyArea } from '../analysis/use_study_area';
import { describeMapError } from '../state/describe_error';
import type { AnalysisParams } from './App';
import { Legend, type LegendData } from './Legend';
import { BasemapCrsBinding } from './basemap/BasemapCrsBinding';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

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
  const workspace = useWorkspace();
  const scenarioId = workspace.scenarios.current?.id ?? null;
  const proposals = workspace.edits.proposals;

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
  const estates = useLayer('estates', has('estates'));
  const estateData = has('estates') ? estates.data ?? null : null;
  const facilityData = has('facilities') ? facilities.data ?? null : null;

  // The study area: outline and mask on the map, its cells a domain for the population classes.
  const { api, store } = useServices();
  const studyArea = useStudyArea(has('boundaries'));
  const studyOutline = has('boundaries') ? (studyArea.info.data?.outline ?? null) : null;
  const studyCells = useQuery(store, studyOutline ? `${STUDY_AREA_KEY}:cells` : null, () => api['study-area:cells']({}));
  const studyAreaCount = studyOutline ? (studyArea.info.data?.areas.length ?? 0) : 0;
  useEffect(() => controller?.setStudyArea(studyOutline), [controller, studyOutline]);
  useEffect(() => {
    layerSettings?.setStudyAreaCells(studyOutline ? (studyCells.data?.fids ?? null) : null);
  }, [layerSettings, studyOutline, studyCells.data]);

  const classes = population.classes;
  // The coverage run shown must be the one of the current scenario and parameters: while another
  // one is computed (after a switch of scenario, radius or kinds) the old gaps are not shown.
  const current =
    coverage &&
    coverage.scenario === scenarioId &&
    coverage.radiusM === analysis.radiusM &&
    [...coverage.kinds].sort().join() === [...analysis.kinds].sort().join()
      ? coverage
      : null;
  const radiusM = analysis.radiusM;
  const kinds: readonly FacilityKind[] = analysis.kinds;
  const circles = useMemo(() => (facilityData ? buildServiceCircles(facilityData, radiusM, kinds) : EMPTY), [facilityData, radiusM, kinds]);
  const proposalCircles = useMemo(() => proposals.filter((proposal) => isOfKinds(proposal, kinds)).length, [proposals, kinds]);

  // Gaps are drawn once there is something to be outside of: with no facility in the analysis
  // (a first import, or kinds the project lacks) every cell would be marked, which says nothing.
  const gaps = current && current.facilities > 0 ? current : null;
  useEffect(() => controller?.setUncovered(gaps?.uncoveredFids ?? null), [controller, gaps]);
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

  const toggle = (group: CatalogGroup, on: boolean) => layerSettings?.setVisible(group, on);
  const suppressed = layerState?.suppressed;
  const uncoveredDisplay = layerState?.uncoveredDisplay ?? 'outline';
  const estateShapes = useMemo(() => {
    let points = 0;
    for (const feature of estateData?.features ?? []) if ((feature.geometry as { type?: string } | null)?.type === 'Point') points += 1;
    return { points, polygons: (estateData?.features.length ?? 0) - points };
  }, [estateData]);

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
    const count = (layer: LayerName) => (project ? (project.counts[layer] ?? 0) : 0);
    const entries = legendEntries({
      drawn: (group) => !(suppressed ?? []).includes(group),
      classes,
      classDomain: population.classDomain,
      uncoveredCells: gaps && population.cells > 0 ? gaps.uncoveredFids.length : null,
      uncoveredDisplay,
      uncoveredShade: population.cells > OUTLINE_CELL_LIMIT,
      circles: circles.features.length,
      proposalCircles,
      radiusM,
      proposals: proposals.length,
      estatePolygons: estateShapes.polygons,
      estatePoints: estateShapes.points,
      roads: count('roads'),
      candidates: count('candidates'),
      boundaries: count('boundaries'),
      studyAreas: studyAreaCount,
      labelled: (facilityData?.features.length ?? 0) + proposals.length + (estateData?.features.length ?? 0) + count('boundaries'),
    });
    return {
      classes,
      classDomain: population.classDomain,
      classDomainEmpty: population.classDomainEmpty,
      noDataCells: population.noDataCells,
      populationLabel: population.ageGroup === 'elderly' ? undefined : t(`workspace.layers.ages.${population.ageGroup}`),
      kinds: FACILITY_KINDS.filter((kind) => perKind.has(kind)).map((kind) => [kind, ...(perKind.get(kind) as [number, number])]),
      statuses: FACILITY_STATUSES.filter((status) => perStatus.has(status)).map((status) => [status, perStatus.get(status) as number]),
      entries,
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [classes, population, gaps, circles, proposalCircles, proposals.length, radiusM, facilityData, estateData, estateShapes, suppressed, uncoveredDisplay, project?.counts, studyAreaCount, t]);

  const loading = population.loading || facilities.loading || boundaries.loading || estates.loading;
  const layerError = population.error ?? facilities.error ?? boundaries.error;
  return (
    <main className="map-pane" aria-label={t('app.mapLabel')}>
      <div ref={containerRef} className="map" data-testid="map" />
      {project && <Legend data={legend} state={layerState} settings={layerSettings} onToggle={toggle} />}
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
