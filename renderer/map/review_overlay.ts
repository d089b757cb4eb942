/**
 * The reviewed estates on the map, next to MapController: each estate of the last review drawn in the
 * colour of its verdict (符合 / 不符合 / 需补充材料) above the other layers. Adds its source and layers
 * once the style is loaded; publishes the number drawn on the map container (`data-review-estates`).
 */
import type * as maplibregl from 'maplibre-gl';
import type { Feature, FeatureCollection } from 'geojson';
import type { MapController } from './map_controller';
import { REVIEW_SOURCE, reviewLayers } from './review_style';

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

/** Shows `estates` (from reviewedEstateFeatures) on `controller`'s map; null removes them. */
export function showReviewedEstates(controller: MapController, estates: FeatureCollection | null): void {
  controller.container.dataset.reviewEstates = String(estates?.features.length ?? 0);
  controller.whenReady(() => {
    const map: maplibregl.Map = controller.map;
    if (!map.getSource(REVIEW_SOURCE)) {
      map.addSource(REVIEW_SOURCE, { type: 'geojson', data: EMPTY });
      for (const layer of reviewLayers()) map.addLayer(layer);
    }
    controller.container.dataset.idle = 'false';
    void map.getSource<maplibregl.GeoJSONSource>(REVIEW_SOURCE)?.setData(estates ?? EMPTY);
  });
}
