/**
 * The reviewed estates on the map, next to MapController: each estate of the last review drawn in the
 * colour of its verdict (符合 / 不符合 / 需补充材料) above the other layers, the estate selected in the
 * Review panel outlined, and the boundary units failing the selected district check hatched in the
 * fail colour. Adds its sources and layers once the style is loaded. Publishes on the map container
 * the number of estates drawn (`data-review-estates`), the selected estate (`data-review-selected`)
 * and the number of failing units drawn (`data-review-failing-units`).
 */
import type * as maplibregl from 'maplibre-gl';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { makeHatchPattern } from './hatch_pattern';
import type { MapController } from './map_controller';
import { ESTATE_CLICK_LAYERS, FAILING_UNIT_COLOR, FAILING_UNIT_HATCH, FAILING_UNITS_SOURCE, REVIEW_SOURCE, reviewLayers, selectedEstateFilter } from './review_style';
import { geometryBbox } from '../../shared/geodesy/bbox';

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };


/** The estates layer's features of the reviewed estates, with their verdict. */
export function reviewedEstateFeatures(estates: FeatureCollection | null | undefined, verdicts: ReadonlyMap<string, string>): FeatureCollection {
  const features: Feature[] = [];
  for (const feature of estates?.features ?? []) {
    const id = String(feature.properties?.id ?? '');
    const verdict = verdicts.get(id);
    if (verdict === undefined || !feature.geometry) continue;
    features.push({ type: 'Feature', geometry: feature.geometry, properties: { id, name: feature.properties?.name ?? null, verdict } });
  }
  return { type: 'FeatureCollection', features };
}

/** The boundary units whose ids are in `ids` (a district check's failing units; names repeat, ids do not). */
export function failingUnitFeatures(boundaries: FeatureCollection | null | undefined, ids: readonly string[]): FeatureCollection {
  const wanted = new Set(ids);
  const features: Feature[] = [];
  for (const feature of boundaries?.features ?? []) {
    const id = String(feature.properties?.id ?? '');
    if (!wanted.has(id) || !feature.geometry) continue;
    features.push({ type: 'Feature', geometry: feature.geometry, properties: { id, name: String(feature.properties?.name ?? ''), level: String(feature.properties?.level ?? '') } });
  }
  return { type: 'FeatureCollection', features };
}

/** Adds the review's sources, hatch and layers once (on top of the map's other layers). */
function install(map: maplibregl.Map): void {
  if (map.getSource(REVIEW_SOURCE)) return;
  if (!map.hasImage(FAILING_UNIT_HATCH)) map.addImage(FAILING_UNIT_HATCH, makeHatchPattern(FAILING_UNIT_COLOR, 10, 1.5, 0.6), { pixelRatio: 1 });
  map.addSource(FAILING_UNITS_SOURCE, { type: 'geojson', data: EMPTY });
  map.addSource(REVIEW_SOURCE, { type: 'geojson', data: EMPTY });
  for (const layer of reviewLayers()) map.addLayer(layer);
}

/** Shows `estates` (from reviewedEstateFeatures) on `controller`'s map; null removes them. */
export function showReviewedEstates(controller: MapController, estates: FeatureCollection | null): void {
  controller.container.dataset.reviewEstates = String(estates?.features.length ?? 0);
  controller.whenReady(() => {
    const map: maplibregl.Map = controller.map;
    install(map);
    controller.container.dataset.idle = 'false';
    void map.getSource<maplibregl.GeoJSONSource>(REVIEW_SOURCE)?.setData(estates ?? EMPTY);
  });
}

/** Outlines the estate `id` (null: none). */
export function highlightEstate(controller: MapController, id: string | null): void {
  controller.container.dataset.reviewSelected = id ?? '';
  controller.whenReady(() => {
    const map = controller.map;
    install(map);
    map.setFilter('review-selected-line', selectedEstateFilter(id, false));
    map.setFilter('review-selected-point', selectedEstateFilter(id, true));
  });
}

/** Shows the failing units (from failingUnitFeatures); null removes them. */
export function showFailingUnits(controller: MapController, units: FeatureCollection | null): void {
  controller.container.dataset.reviewFailingUnits = String(units?.features.length ?? 0);
  controller.whenReady(() => {
    const map = controller.map;
    install(map);
    controller.container.dataset.idle = 'false';
    void map.getSource<maplibregl.GeoJSONSource>(FAILING_UNITS_SOURCE)?.setData(units ?? EMPTY);
  });
}

/** Moves the camera onto `geometry` (zoom 15 at most: the estate with its streets around; a short animation). */
export function zoomToGeometry(controller: MapController, geometry: Geometry): void {
  const box = geometryBbox(geometry);
  if (box) controller.fitToWgs84(box, { maxZoom: 15, padding: 80, duration: 300 });
}

/**
 * Hands clicks on an estate (reviewed or not) to `onEstate` (see EstateClickHook); returns the
 * function that removes the hook.
 */
export function onEstateClick(controller: MapController, onEstate: (estate: { id: string; name: string | null }) => true | HTMLElement | null): () => void {
  const hook = { layers: ESTATE_CLICK_LAYERS, onEstate };
  controller.estateClick = hook;
  return () => {
    if (controller.estateClick === hook) controller.estateClick = null;
  };
}

/** The popup of an estate that has no review yet: its name (or id) and `note`. Text only, never HTML. */
export function unreviewedEstatePopup(estate: { id: string; name: string | null }, note: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'popup';
  root.dataset.testid = 'estate-popup';
  root.dataset.estate = estate.id;
  const heading = document.createElement('h3');
  heading.textContent = estate.name ?? estate.id;
  const text = document.createElement('p');
  text.className = 'muted small';
  text.textContent = note;
  root.append(heading, text);
  return root;
}
