import { useEffect, useMemo, useRef } from 'react';
import { flushSync } from 'react-dom';
import type { FeatureCollection } from 'geojson';
import { useTranslation } from 'react-i18next';
import { facilitiesInService } from '../../../shared/engine/facilities_in_service';
import type { LayerName } from '../../../shared/schemas/entities';
import { useLayer, type ProjectInfo } from '../../state/app_context';
import { candidateTemplate } from '../candidate_template';
import { useEditShortcuts } from '../use_edit_shortcuts';
import { useWorkspace } from '../workspace_context';
import { thresholdCircles, WorkspaceMapLayers, type SitePoint } from './workspace_map_layers';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
/** Service areas per threshold follow edits this long after the last one (not every drag frame). */
const THRESHOLD_DELAY_MS = 150;

/**
 * Keeps the main map's workspace layers in step with the workspace (proposals, selection, service
 * areas per threshold, candidates, estates, roads) and wires placing, selecting and dragging.
 * Renders nothing.
 */
export function WorkspaceMapBinding({ project }: { project: NonNullable<ProjectInfo> }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { controller, edits, analysis, selectedId } = workspace;
  const layers = useMemo(() => (controller ? new WorkspaceMapLayers(controller) : null), [controller]);
  useEditShortcuts();

  useEffect(() => layers?.setProposals(edits.proposals, analysis.radiusM, analysis.kinds), [layers, edits.proposals, analysis.radiusM, analysis.kinds]);
  useEffect(() => layers?.setSelected(selectedId), [layers, selectedId]);

  const has = (layer: LayerName) => (project.counts[layer] ?? 0) > 0;
  // Data of layers that are empty now (e.g. after a replace) is not drawn.
  const facilityData = useLayer('facilities', has('facilities')).data;
  const candidateData = useLayer('candidates', has('candidates')).data;
  const estateData = useLayer('estates', has('estates')).data;
  const roadData = useLayer('roads', has('roads')).data;
  const facilities = has('facilities') ? facilityData : undefined;
  const candidates = (has('candidates') ? candidateData : undefined) as FeatureCollection | undefined;
  const estates = (has('estates') ? estateData : undefined) as FeatureCollection | undefined;
  const roads = (has('roads') ? roadData : undefined) as FeatureCollection | undefined;
  useEffect(() => layers?.setCandidates(candidates ?? EMPTY), [layers, candidates]);
  useEffect(() => layers?.setEstates(estates ?? EMPTY), [layers, estates]);
  useEffect(() => layers?.setRoads(roads ?? EMPTY), [layers, roads]);

  // The facilities layer's points, for the per-threshold service areas of the facilities that count.
  const layerSites = useMemo(() => {
    const out: (SitePoint & { status: unknown })[] = [];
    for (const feature of facilities?.features ?? []) {
      const geometry = feature.geometry as { type?: string; coordinates?: number[] } | null;
      if (geometry?.type !== 'Point' || !geometry.coordinates) continue;
      const { id, kind, status } = feature.properties;
      out.push({ id: `f:${String(id)}`, lon: geometry.coordinates[0], lat: geometry.coordinates[1], kind: String(kind), status });
    }
    return out;
  }, [facilities]);
  useEffect(() => {
    if (!layers) return;
    const timer = window.setTimeout(() => {
      const counted = facilitiesInService(layerSites, edits.proposals, analysis.kinds);
      const existing = counted.facilities.map(({ id, lon, lat, kind }) => ({ id, lon, lat, kind }));
      const proposed = counted.proposals.map((p) => ({ id: `p:${p.id}`, lon: p.lon, lat: p.lat, kind: p.kind }));
      layers.setThresholdAreas(thresholdCircles([...existing, ...proposed]));
    }, THRESHOLD_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [layers, layerSites, edits.proposals, analysis.kinds]);

  // The view's extent and zoom on the map element, for tests and assistive status text.
  useEffect(() => {
    if (!controller) return;
    const map = controller.map;
    const publish = () => {
      const bounds = map.getBounds();
      const round = (value: number) => Math.round(value * 1e6) / 1e6;
      controller.container.dataset.bounds = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(round).join(',');
      controller.container.dataset.zoom = map.getZoom().toFixed(3);
    };
    publish();
    map.on('moveend', publish);
    return () => {
      map.off('moveend', publish);
    };
  }, [controller]);

  // The editing interactions read the latest workspace through a ref (attached once per map).
  const latest = useRef(workspace);
  latest.current = workspace;
  const translate = useRef(t);
  translate.current = t;
  useEffect(() => {
    if (!layers) return;
    return layers.attachEditing({
      placing: () => latest.current.placing,
      editable: () => latest.current.editable,
      place: (lon, lat, candidate) => {
        const current = latest.current;
        flushSync(() => {
          current.setPlacing(false);
          void current.addAt(lon, lat, candidate ? candidateTemplate(candidate, (id) => translate.current('workspace.proposals.fromCandidate', { id })) : {});
        });
      },
      select: (id) => latest.current.select(id),
      // Rendered at once (not after the map's next frame, which in software WebGL can take 100+ ms),
      // so the figures follow the pointer.
      dragMove: (id, lon, lat) => flushSync(() => latest.current.edits.preview(id, lon, lat)),
      dragEnd: (id, lon, lat) => flushSync(() => void latest.current.move(id, lon, lat)),
    });
  }, [layers]);

  return null;
}
