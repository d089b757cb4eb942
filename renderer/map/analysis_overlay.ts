/**
 * The accessibility results on the map, next to MapController (which owns the map): walking-time
 * classes (one image over the grid, painted in the worker; points for irregular cells), service
 * areas, gap outlines with one selected gap, and numbered suggested sites. Adds its own sources and layers once
 * the style is loaded and removes them in destroy(). Publishes the map's bounds on the container
 * (`data-bounds="west,south,east,north"`) after every move, for tests and assistive status text.
 */
import type * as maplibregl from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { TravelTimeDrawing } from '../workers/travel_time_image';
import { ANALYSIS_SOURCE, analysisLayers, siteLayer, travelPointColor } from './analysis_style';
import type { MapController } from './map_controller';
import { ensureSiteMarkers } from './site_marker_images';
import { TravelTimeLayer } from './travel_time_layer';
import { geometryBbox } from '../../shared/geodesy/bbox';

export interface SiteMarker {
  rank: number;
  id: string;
  lon: number;
  lat: number;
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const overlays = new WeakMap<MapController, AnalysisOverlay>();

export class AnalysisOverlay {
  private readonly map: maplibregl.Map;
  private installed = false;
  private readonly travelLayer: TravelTimeLayer;
  private gaps: FeatureCollection = EMPTY;
  private selectedGap: number | null = null;
  private readonly publishBounds = () => {
    const bounds = this.map.getBounds();
    const round = (value: number) => Math.round(value * 1e6) / 1e6;
    this.map.getContainer().dataset.bounds = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map(round).join(',');
  };

  /** The overlay of `controller`'s map (created on first use). */
  static for(controller: MapController): AnalysisOverlay {
    let overlay = overlays.get(controller);
    if (!overlay) {
      overlay = new AnalysisOverlay(controller);
      overlays.set(controller, overlay);
    }
    return overlay;
  }

  private constructor(private readonly controller: MapController) {
    this.map = controller.map;
    this.travelLayer = new TravelTimeLayer(this.map);
    controller.whenReady(() => this.install());
    this.map.on('moveend', this.publishBounds);
    this.publishBounds();
  }

  private install(): void {
    if (this.installed) return;
    // Walking time above the population colours, under the coverage hatch, circles and outlines.
    const before = ['uncovered-area-hatch', 'uncovered-hatch', 'circles-fill', 'boundary-line'].find((id) => this.map.getLayer(id));
    this.travelLayer.install(before);
    this.map.addSource(ANALYSIS_SOURCE.travelPoints, { type: 'geojson', data: EMPTY });
    this.map.addSource(ANALYSIS_SOURCE.serviceAreas, { type: 'geojson', data: EMPTY });
    this.map.addSource(ANALYSIS_SOURCE.gaps, { type: 'geojson', data: EMPTY });
    this.map.addSource(ANALYSIS_SOURCE.sites, { type: 'geojson', data: EMPTY });
    for (const { layer, before } of analysisLayers()) this.map.addLayer(layer, before);
    this.map.addLayer(siteLayer());
    this.installed = true;
  }

  private setSource(id: string, data: FeatureCollection): void {
    this.controller.whenReady(() => {
      this.map.getContainer().dataset.idle = 'false';
      void this.map.getSource<maplibregl.GeoJSONSource>(id)?.setData(data);
    });
  }

  /** Walking-time classes of `cells` cells (network analyses); null removes them. */
  setTravelTime(drawing: TravelTimeDrawing | null, cells = 0): void {
    const dataset = this.map.getContainer().dataset;
    dataset.travelTime = drawing ? (drawing.image ? 'image' : 'points') : 'none';
    dataset.travelTimeCells = String(drawing ? cells : 0);
    this.controller.whenReady(() => {
      this.map.getContainer().dataset.idle = 'false';
      this.travelLayer.show(drawing?.image ?? null);
      this.map.setPaintProperty('analysis-travel-points', 'circle-color', travelPointColor(drawing?.colors ?? []));
      void this.map.getSource<maplibregl.GeoJSONSource>(ANALYSIS_SOURCE.travelPoints)?.setData((drawing?.points as FeatureCollection | null) ?? EMPTY);
    });
  }

  /** Merged walking areas per threshold, or circles per facility and radius. */
  setServiceAreas(areas: FeatureCollection | null): void {
    this.map.getContainer().dataset.serviceAreas = String(areas?.features.length ?? 0);
    this.setSource(ANALYSIS_SOURCE.serviceAreas, areas ?? EMPTY);
  }

  /** Gap polygons (properties carry `rank`); the selection is cleared. */
  setGaps(gaps: FeatureCollection | null): void {
    this.gaps = {
      type: 'FeatureCollection',
      features: (gaps?.features ?? []).map((feature) => ({ ...feature, id: Number(feature.properties?.rank) })),
    };
    this.selectedGap = null;
    this.map.getContainer().dataset.gaps = String(this.gaps.features.length);
    this.setSource(ANALYSIS_SOURCE.gaps, this.gaps);
  }

  /** Highlights gap `rank` (null: none) and, with `zoom`, fits the map to its outline. */
  selectGap(rank: number | null, zoom = true): void {
    const previous = this.selectedGap;
    this.selectedGap = rank;
    const feature = rank === null ? null : this.gaps.features.find((candidate) => candidate.id === rank);
    this.controller.whenReady(() => {
      if (previous !== null) this.map.setFeatureState({ source: ANALYSIS_SOURCE.gaps, id: previous }, { selected: false });
      if (rank !== null) this.map.setFeatureState({ source: ANALYSIS_SOURCE.gaps, id: rank }, { selected: true });
      const bbox = feature ? geometryBbox(feature.geometry as { coordinates: unknown }) : null;
      if (zoom && bbox) this.controller.fitToWgs84(bbox, { padding: 60, maxZoom: 16, duration: 350 });
    });
    this.map.getContainer().dataset.selectedGap = rank === null ? '' : String(rank);
  }

  setSites(sites: readonly SiteMarker[]): void {
    this.map.getContainer().dataset.sites = String(sites.length);
    this.controller.whenReady(() => ensureSiteMarkers(this.map, sites.length));
    this.setSource(ANALYSIS_SOURCE.sites, {
      type: 'FeatureCollection',
      features: sites.map((site) => ({
        type: 'Feature',
        id: site.rank,
        properties: { rank: site.rank, id: site.id },
        geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
      })),
    });
  }

  /** Centres the map on a site at street level. */
  showSite(site: SiteMarker): void {
    this.controller.whenReady(() => this.controller.easeToWgs84(site.lon, site.lat, { minZoom: 15, duration: 350 }));
  }

  /**
   * Marks the result held by the panel as belonging to another scenario than the current one
   * (`data-analysis-stale` on the map's pane): the analysis legend hides with it (map_legend.css).
   */
  setStale(stale: boolean): void {
    const pane = this.map.getContainer().parentElement;
    if (pane) pane.dataset.analysisStale = String(stale);
    this.map.getContainer().dataset.analysisStale = String(stale);
  }

  /** Removes every result from the map (the sources stay, empty). */
  clear(): void {
    this.setTravelTime(null);
    this.setServiceAreas(null);
    this.setGaps(null);
    this.setSites([]);
  }
}
