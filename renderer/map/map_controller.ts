/**
 * The one owner of the MapLibre map (Placemark's PMap pattern). React creates it once and passes
 * data in; the controller updates GeoJSON sources with setData and never recreates the map, so
 * the camera, popups and basemap survive every data change.
 *
 * Draw order, bottom to top: background, optional basemap, population cells (quantile colours),
 * uncovered cells (hatch + outline), service circles, boundary, facilities.
 */
import * as maplibregl from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { Formatters } from '../i18n/format';
import { applyBasemap } from './basemap';
import { classColorExpression, type ClassBreaks } from './class_breaks';
import { UNCOVERED_HATCH } from './facility_style';
import { makeHatchPattern } from './hatch_pattern';
import { buildMapStyle, FIRST_PROJECT_LAYER, POPULATION_FILL_LAYERS, SOURCE } from './map_style';
import { cellPopup, facilityPopup, type PopupLabels } from './popup_content';
import type { PopulationCells } from './population_cells';

type Bbox = [number, number, number, number];

/** Opacity of the population grid over a basemap (streets stay legible under the colours). */
const BASEMAP_GRID_OPACITY = 0.7;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export interface MapControllerOptions {
  /** Called when something on the map fails (basemap style, rendering) with a plain message. */
  onError?: (message: string) => void;
}

export class MapController {
  readonly map: maplibregl.Map;
  private readonly container: HTMLElement;
  private readonly options: MapControllerOptions;
  private ready = false;
  private readonly pending: Array<() => void> = [];
  private attribution: maplibregl.AttributionControl | null = null;
  private attributionLines: string[] = [];
  private cells: PopulationCells | null = null;
  private uncovered: Set<number> | null = null;
  /** fids whose feature state is `uncovered: true` on the map now. */
  private marked = new Set<number>();
  private popup: maplibregl.Popup | null = null;
  private labels: PopupLabels | null = null;
  private format: Formatters | null = null;
  private basemapUrl = '';
  private facilities: FeatureCollection = EMPTY;
  /** performance.now() when population data was handed to MapLibre, until it is drawn. */
  private populationSetAt: number | null = null;
  private readonly resizeObserver: ResizeObserver;

  constructor(container: HTMLElement, options: MapControllerOptions = {}) {
    this.container = container;
    this.options = options;
    this.map = new maplibregl.Map({
      container,
      style: buildMapStyle(),
      center: [114.3, 30.58],
      zoom: 10,
      attributionControl: false,
      // Needed to export the canvas as an image (otherwise the buffer is cleared after drawing).
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      maxPitch: 0,
      dragRotate: false,
      fadeDuration: 0,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
    this.setAttributions([]);
    this.map.on('load', () => this.onLoad());
    this.map.on('idle', () => this.reportRendered());
    this.map.on('dataloading', () => (this.container.dataset.idle = 'false'));
    this.map.on('error', (event) => {
      // Tile errors of a user-set basemap would repeat per tile; the console is enough for them.
      console.warn('map error', event.error);
    });
    this.map.on('click', (event) => this.onClick(event));
    this.map.on('mousemove', (event) => {
      const hit = this.ready && this.map.queryRenderedFeatures(event.point, { layers: ['facilities-circle'] }).length > 0;
      this.map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
    this.resizeObserver = new ResizeObserver(() => this.map.resize());
    this.resizeObserver.observe(container);
  }

  private onLoad(): void {
    this.map.addImage('uncovered-hatch', makeHatchPattern(UNCOVERED_HATCH, 10, 1.25, 0.5), { pixelRatio: 1 });
    this.ready = true;
    this.container.dataset.mapReady = 'true';
    for (const task of this.pending.splice(0)) task();
  }

  /** Runs `task` now if the style is loaded, else right after it loads (in call order). */
  private whenReady(task: () => void): void {
    if (this.ready) task();
    else this.pending.push(task);
  }

  private setSource(id: string, data: FeatureCollection): void {
    this.whenReady(() => {
      const source = this.map.getSource<maplibregl.GeoJSONSource>(id);
      if (!source) throw new Error(`map source ${id} is missing from the style`);
      this.container.dataset.idle = 'false';
      void source.setData(data);
    });
  }

  /** Data attributions (WorldPop, OSM, ...) of the project, shown in the attribution control. */
  setAttributions(lines: readonly string[]): void {
    if (this.attribution && lines.join('\n') === this.attributionLines.join('\n')) return;
    if (this.attribution) this.map.removeControl(this.attribution);
    this.attributionLines = [...lines];
    this.attribution = new maplibregl.AttributionControl({ compact: false, customAttribution: this.attributionLines });
    this.map.addControl(this.attribution, 'bottom-right');
  }

  /** Moves the camera to [west, south, east, north] with a margin, without animation. */
  fitTo(bbox: Bbox | null): void {
    if (!bbox || !bbox.every(Number.isFinite)) return;
    this.map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: 40, duration: 0, maxZoom: 16 },
    );
  }

  setPopulation(cells: PopulationCells | null, classes: ClassBreaks | null): void {
    this.cells = cells;
    this.container.dataset.populationCells = String(cells ? cells.polygons.features.length + cells.points.features.length : 0);
    this.whenReady(() => {
      const color = classColorExpression('elderly', classes) as maplibregl.ExpressionSpecification;
      for (const layer of POPULATION_FILL_LAYERS) this.map.setPaintProperty(layer, 'fill-color', color);
      this.map.setPaintProperty('population-points', 'circle-color', color);
    });
    this.populationSetAt = cells ? performance.now() : null;
    this.setSource(SOURCE.population, cells?.polygons ?? EMPTY);
    this.setSource(SOURCE.populationPoints, cells?.points ?? EMPTY);
    // New cells (maybe new fids): forget all marks and mark the last analysis's cells again.
    const fids = this.uncovered;
    this.whenReady(() => {
      this.map.removeFeatureState({ source: SOURCE.population });
      this.map.removeFeatureState({ source: SOURCE.populationPoints });
      this.marked = new Set();
    });
    this.setUncovered(fids ? [...fids] : null);
  }

  /**
   * Cells (population fids) outside every service circle of the last analysis; null = no analysis.
   * Only cells whose state changes are touched (feature state, no re-tiling).
   */
  setUncovered(fids: readonly number[] | null): void {
    const next = new Set(fids ?? []);
    this.uncovered = fids ? next : null;
    const cells = this.cells;
    let shown = 0;
    if (cells) for (const fid of next) if (cells.byFid.has(fid)) shown += 1;
    this.container.dataset.uncoveredCells = String(shown);
    this.whenReady(() => {
      if (!this.cells) return;
      const byFid = this.cells.byFid;
      const sourceOf = (fid: number) => (byFid.get(fid)?.geometry.type === 'Point' ? SOURCE.populationPoints : SOURCE.population);
      for (const fid of this.marked) {
        if (!next.has(fid)) this.map.setFeatureState({ source: sourceOf(fid), id: fid }, { uncovered: false });
      }
      for (const fid of next) {
        if (!this.marked.has(fid) && byFid.has(fid)) this.map.setFeatureState({ source: sourceOf(fid), id: fid }, { uncovered: true });
      }
      this.marked = new Set([...next].filter((fid) => byFid.has(fid)));
    });
  }

  setFacilities(facilities: FeatureCollection): void {
    this.facilities = facilities;
    this.container.dataset.facilities = String(facilities.features.length);
    this.setSource(SOURCE.facilities, facilities);
  }

  setServiceCircles(circles: FeatureCollection): void {
    this.container.dataset.circles = String(circles.features.length);
    this.setSource(SOURCE.circles, circles);
  }

  setBoundaries(boundaries: FeatureCollection): void {
    this.setSource(SOURCE.boundaries, boundaries);
  }

  setLayerVisible(layerIds: readonly string[], visible: boolean): void {
    this.whenReady(() => {
      for (const id of layerIds) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    });
  }

  /** Shows the basemap of `url` ('' = offline background only). Errors go to options.onError. */
  setBasemap(url: string): void {
    if (url === this.basemapUrl) return;
    this.basemapUrl = url;
    this.whenReady(() => {
      for (const layer of POPULATION_FILL_LAYERS) this.map.setPaintProperty(layer, 'fill-opacity', url.trim() ? BASEMAP_GRID_OPACITY : 1);
      applyBasemap(this.map, url, FIRST_PROJECT_LAYER).catch((error: unknown) => {
        this.options.onError?.(error instanceof Error ? error.message : String(error));
      });
    });
  }

  /** Labels and number format of the active language, for popups opened from now on. */
  setPopupText(labels: PopupLabels, format: Formatters): void {
    this.labels = labels;
    this.format = format;
    this.popup?.remove();
  }

  /** Centres the map on facility `fid` (zooming in to street level) and opens its popup. */
  showFacility(fid: number): void {
    const feature = this.facilities.features.find((candidate) => candidate.id === fid);
    if (!feature || feature.geometry.type !== 'Point' || !this.labels || !this.format) return;
    const at = feature.geometry.coordinates as [number, number];
    this.map.jumpTo({ center: at, zoom: Math.max(this.map.getZoom(), 14) });
    this.openPopup(at, facilityPopup(feature.properties ?? {}, this.labels, this.format));
  }

  private openPopup(at: maplibregl.LngLatLike, content: HTMLElement | null): void {
    this.popup?.remove();
    this.popup = null;
    if (!content) return;
    this.popup = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: true, offset: 14 }).setLngLat(at).setDOMContent(content).addTo(this.map);
  }

  private onClick(event: maplibregl.MapMouseEvent): void {
    if (!this.ready || !this.labels || !this.format) return;
    const [facility] = this.map.queryRenderedFeatures(event.point, { layers: ['facilities-circle'] });
    let content: HTMLElement | null = null;
    let at: maplibregl.LngLatLike = event.lngLat;
    if (facility) {
      content = facilityPopup(facility.properties, this.labels, this.format);
      if (facility.geometry.type === 'Point') at = facility.geometry.coordinates as [number, number];
    } else {
      const [cell] = this.map.queryRenderedFeatures(event.point, { layers: [...POPULATION_FILL_LAYERS, 'population-points'] });
      if (cell) {
        const fid = typeof cell.id === 'number' ? cell.id : null;
        const covered = this.uncovered && fid !== null ? !this.uncovered.has(fid) : null;
        content = cellPopup(cell.properties, covered, this.labels, this.format);
      }
    }
    this.openPopup(at, content);
  }

  /** Publishes what MapLibre actually drew, for tests and assistive status text. */
  private reportRendered(): void {
    if (!this.ready) return;
    if (this.populationSetAt !== null) {
      // setData → tiles cut in the worker → drawn: what the user waits for after the data arrived.
      performance.measure('siting:population-render', { start: this.populationSetAt, end: performance.now() });
      this.populationSetAt = null;
    }
    // A polygon spanning several tiles comes back once per tile: count distinct features.
    const distinct = (layer: string) =>
      new Set(this.map.queryRenderedFeatures({ layers: [layer] }).map((feature) => String(feature.id ?? feature.properties.fid))).size;
    const facilities = distinct('facilities-circle');
    const circles = distinct('circles-fill');
    this.container.dataset.renderedFacilities = String(facilities);
    this.container.dataset.renderedCircles = String(circles);
    this.container.dataset.idle = 'true';
  }

  /** PNG of the current map view (data URL); works because preserveDrawingBuffer is on. */
  toPngDataUrl(): string {
    return this.map.getCanvas().toDataURL('image/png');
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.popup?.remove();
    this.map.remove();
  }
}
