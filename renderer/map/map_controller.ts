/**
 * The one owner of the MapLibre map (Placemark's PMap pattern). React creates it once and passes
 * data in; the controller updates GeoJSON sources with setData and never recreates the map, so
 * the camera, popups and basemap survive every data change.
 *
 * Draw order, bottom to top: background, optional basemap, population cells (quantile colours),
 * uncovered cells (hatch + outline), service circles, boundary, facilities.
 */
import * as maplibregl from 'maplibre-gl';
import type { FeatureCollection, MultiPolygon } from 'geojson';
import type { Formatters } from '../i18n/format';
import { applyBasemap, BASEMAP_PREFIX } from './basemap';
import { classColorExpression, type ClassBreaks } from '../../shared/map_style/class_breaks';
import type { BasemapCrs } from './coordinate_shift';
import { DisplayShift } from './display_shift';
import { ESTATE_MARKER } from '../workspace/map/workspace_style';
import { makeEstateMarker } from './estate_marker';
import { areaLabelPoints, LABEL_LAYERS } from './label_style';
import { UNCOVERED_HATCH_PATTERN, uncoveredHatchImage } from './hatch_pattern';
import { buildMapStyle, FIRST_PROJECT_LAYER, POPULATION_FILL_LAYERS, SOURCE } from './map_style';
import { cellPopup, facilityPopup, type PopupLabels } from './popup_content';
import type { PopulationCells } from './population_cells';
import { OUTLINE_CELL_LIMIT, type PopulationRaster } from './population_raster';
import { POPULATION_RASTER, PopulationRasterLayer } from './population_raster_layer';
import { Wgs84Camera, type CameraMove, type FitOptions } from './wgs84_camera';

type Bbox = [number, number, number, number];

/** Opacity of the population grid over a basemap (streets stay legible under the colours). */
const BASEMAP_GRID_OPACITY = 0.7;

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** A click on an estate, for whoever shows estates (the Review panel): see MapController.estateClick. */
export interface EstateClickHook {
  /** Map layers whose features are estates (properties id, name); those in the style are queried, top first. */
  layers: readonly string[];
  /** true: the click was handled (no popup); an element: the estate's popup; null: the click falls through. */
  onEstate: (estate: { id: string; name: string | null }) => true | HTMLElement | null;
}

/** Pixels around a click within which an estate (a small dot, a thin outline) counts as hit. */
const ESTATE_HIT_PX = 4;

export interface MapControllerOptions {
  /** Called when something on the map fails (a BasemapError for the basemap; see describe_error.ts). */
  onError?: (error: unknown) => void;
}

export class MapController {
  readonly map: maplibregl.Map;
  /** The map's element; its data-* attributes report what was drawn (for tests and status text). */
  readonly container: HTMLElement;
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
  private basemapAttribution = '';
  private facilities: FeatureCollection = EMPTY;
  /** performance.now() when population data was handed to MapLibre, until it is drawn. */
  private populationSetAt: number | null = null;
  private readonly resizeObserver: ResizeObserver;
  /** Draws project layers over a GCJ-02 basemap and reads positions back in WGS84 (display_shift.ts). */
  private readonly displayShift: DisplayShift;
  /** The camera in WGS84 (the drawing system may be GCJ-02). */
  private readonly camera: Wgs84Camera;
  /** The population grid drawn as one image (regular grids); null cells then. */
  private readonly populationRaster: PopulationRasterLayer;
  private cellProperties: ((index: number) => Record<string, unknown>) | null = null;
  private rasterValues: Float64Array | null = null;
  private rasterClasses: ClassBreaks | null = null;
  /**
   * Consulted first on every map click (e.g. the workspace placing or selecting a proposal);
   * returning true means the click was handled and no popup opens.
   */
  clickInterceptor: ((event: maplibregl.MapMouseEvent) => boolean) | null = null;
  /** Consulted when a click hits no facility: an estate under it is handed to this hook (see EstateClickHook). */
  estateClick: EstateClickHook | null = null;
  /** Told when the basemap's tiles start failing (true: offline, refused) or a new basemap is set (false). */
  onBasemapTiles: ((failing: boolean) => void) | null = null;

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
    // Before any other listener or source: pointer events and data pass through it first.
    this.displayShift = new DisplayShift(this.map);
    this.camera = new Wgs84Camera(this.map, () => this.displayShift.current);
    this.map.touchZoomRotate.disableRotation();
    this.populationRaster = new PopulationRasterLayer(this.map);
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new maplibregl.ScaleControl({ unit: 'metric', maxWidth: 140 }), 'bottom-left');
    this.setAttributions([]);
    this.map.on('load', () => this.onLoad());
    this.map.on('idle', () => this.reportRendered());
    this.map.on('dataloading', () => (this.container.dataset.idle = 'false'));
    this.map.on('error', (event) => {
      // Basemap tile errors repeat per tile and their addresses may hold the user's key: reported once, not logged.
      if ((event as { sourceId?: string }).sourceId?.startsWith(BASEMAP_PREFIX)) {
        if (this.container.dataset.basemapTiles !== 'failing') this.onBasemapTiles?.(true);
        this.container.dataset.basemapTiles = 'failing';
        return;
      }
      console.warn('map error', event.error);
    });
    this.map.on('click', (event) => this.onClick(event));
    this.map.on('mousemove', (event) => {
      const hit = this.ready && (this.map.queryRenderedFeatures(event.point, { layers: ['facilities-circle'] }).length > 0 || this.estateAt(event.point) !== null);
      this.map.getCanvas().style.cursor = hit ? 'pointer' : '';
    });
    this.resizeObserver = new ResizeObserver(() => this.map.resize());
    this.resizeObserver.observe(container);
  }

  private onLoad(): void {
    this.map.addImage(UNCOVERED_HATCH_PATTERN.image, uncoveredHatchImage(), { pixelRatio: 1 });
    this.map.addImage(ESTATE_MARKER.image, makeEstateMarker(), { pixelRatio: 1 });
    this.populationRaster.install('population-fill');
    this.ready = true;
    this.container.dataset.mapReady = 'true';
    for (const task of this.pending.splice(0)) task();
  }

  /** Runs `task` now if the style is loaded, else right after it loads (in call order). */
  whenReady(task: () => void): void {
    if (this.ready) task();
    else this.pending.push(task);
  }

  setSource(id: string, data: FeatureCollection): void {
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

  /** Moves the camera to the WGS84 box [west, south, east, north] with a margin, without animation. */
  fitTo(bbox: Bbox | null): void {
    if (bbox) this.camera.fitTo(bbox);
  }

  /*
   * The camera in WGS84. Components move the camera and read its centre only through these (never
   * map.jumpTo/getCenter): over a GCJ-02 basemap MapLibre's camera is ~500 m from the data's WGS84.
   */

  /** The map's centre in WGS84 [lon, lat] (e.g. "add a proposal at the map centre"). */
  centerWgs84(): [number, number] {
    return this.camera.center();
  }

  get zoom(): number {
    return this.camera.zoom();
  }

  /** Centres the map on a WGS84 position at once. */
  jumpToWgs84(lon: number, lat: number, move: CameraMove = {}): void {
    this.camera.jumpTo(lon, lat, move);
  }

  /** Centres the map on a WGS84 position with a short animation. */
  easeToWgs84(lon: number, lat: number, move: CameraMove = {}): void {
    this.camera.easeTo(lon, lat, move);
  }

  /** Fits a WGS84 box [west, south, east, north] into the view (default: no animation). */
  fitToWgs84(bbox: Bbox, options: FitOptions = {}): void {
    this.camera.fitTo(bbox, options);
  }

  setPopulation(cells: PopulationCells | null, classes: ClassBreaks | null): void {
    if (cells && this.populationRaster.current) this.setPopulationRaster(null, null, null);
    this.cells = cells;
    // Without cells while the grid is drawn as an image, the image's count and timer stay.
    if (cells || !this.populationRaster.current) {
      this.container.dataset.populationCells = String(cells ? cells.polygons.features.length + cells.points.features.length : 0);
      this.populationSetAt = cells ? performance.now() : null;
    }
    this.whenReady(() => {
      const color = classColorExpression('elderly', classes) as maplibregl.ExpressionSpecification;
      for (const layer of POPULATION_FILL_LAYERS) this.map.setPaintProperty(layer, 'fill-color', color);
      this.map.setPaintProperty('population-points', 'circle-color', color);
    });
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
   * The population grid as one image (see population_raster.ts): `values` per cell in the class
   * colours. `properties(index)` gives a cell's fields for its popup (counts, ids).
   */
  setPopulationRaster(
    raster: PopulationRaster | null,
    values: Float64Array | null,
    classes: ClassBreaks | null,
    properties: ((index: number) => Record<string, unknown>) | null = null,
  ): void {
    if (raster && this.cells) this.setPopulation(null, null);
    const changed = raster !== this.populationRaster.current;
    this.cellProperties = properties;
    // Only the popups' fields changed: the image stays.
    if (!changed && values === this.rasterValues && classes === this.rasterClasses) return;
    this.rasterValues = values;
    this.rasterClasses = classes;
    if (raster) this.container.dataset.populationCells = String(raster.grid.count);
    else if (!this.cells) this.container.dataset.populationCells = '0';
    this.populationSetAt = raster ? performance.now() : null;
    this.whenReady(() => {
      this.container.dataset.idle = 'false';
      this.populationRaster.show(raster, values, classes);
    });
    // A new grid (maybe new fids): outline the last analysis's uncovered cells again.
    if (changed) this.setUncovered(this.uncovered ? [...this.uncovered] : null);
  }

  /**
   * Cells (population fids) outside every service circle of the last analysis; null = no analysis.
   * Only cells whose state changes are touched (feature state, no re-tiling).
   */
  setUncovered(fids: readonly number[] | null): void {
    const next = new Set(fids ?? []);
    this.uncovered = fids ? next : null;
    const raster = this.populationRaster.current;
    if (raster) {
      // Hatched outline polygons of the uncovered cells (no per-cell feature state); on large grids
      // a shaded image instead (see OUTLINE_CELL_LIMIT).
      const outline = raster.grid.count <= OUTLINE_CELL_LIMIT;
      const { shape, cells } = outline ? raster.outline(next) : { shape: EMPTY, cells: 0 };
      const shade = outline || !fids ? null : raster.maskOf(next);
      this.container.dataset.uncoveredCells = String(shade ? shade.cells : cells);
      this.container.dataset.uncoveredStyle = outline ? 'outline' : 'shade';
      this.setSource(SOURCE.uncoveredAreas, shape);
      this.whenReady(() => this.populationRaster.shadeCells(shade?.mask ?? null));
      return;
    }
    this.setSource(SOURCE.uncoveredAreas, EMPTY);
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
    this.setSource(SOURCE.areaLabels, areaLabelPoints(boundaries));
  }

  /**
   * The study area (a MultiPolygon, or null for the whole project): its outline, and a mask over
   * everything outside it — a world polygon with each of the area's outer rings as a hole.
   */
  setStudyArea(outline: MultiPolygon | null): void {
    this.container.dataset.studyArea = outline ? String(outline.coordinates.length) : '0';
    if (!outline) {
      this.setSource(SOURCE.studyArea, { type: 'FeatureCollection', features: [] });
      return;
    }
    const world = [[-180, -85], [180, -85], [180, 85], [-180, 85], [-180, -85]];
    const holes = outline.coordinates.map((polygon) => [...polygon[0]].reverse());
    this.setSource(SOURCE.studyArea, {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { part: 'outside' }, geometry: { type: 'Polygon', coordinates: [world, ...holes] } },
        { type: 'Feature', properties: { part: 'outline' }, geometry: outline },
      ],
    });
  }

  setLayerVisible(layerIds: readonly string[], visible: boolean): void {
    this.whenReady(() => {
      for (const id of layerIds) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    });
  }

  /** Shows the basemap of `url` ('' = offline background only). Errors go to options.onError. */
  setBasemap(url: string, attribution = ''): void {
    if (url === this.basemapUrl && attribution === this.basemapAttribution) return;
    this.basemapUrl = url;
    this.basemapAttribution = attribution;
    delete this.container.dataset.basemapTiles;
    this.onBasemapTiles?.(false);
    this.whenReady(() => {
      for (const layer of POPULATION_FILL_LAYERS) this.map.setPaintProperty(layer, 'fill-opacity', url.trim() ? BASEMAP_GRID_OPACITY : 1);
      this.map.setPaintProperty(POPULATION_RASTER, 'raster-opacity', url.trim() ? BASEMAP_GRID_OPACITY : 1);
      // A later setBasemap may finish first: only the newest one reports.
      applyBasemap(this.map, url, FIRST_PROJECT_LAYER, attribution).then(
        () => {
          if (this.basemapUrl === url) this.options.onError?.(null);
        },
        (error: unknown) => {
          if (this.basemapUrl !== url) return;
          console.warn('basemap', error);
          this.options.onError?.(error);
        },
      );
    });
  }

  /**
   * The coordinate system of the basemap's tiles. With 'gcj02' (AutoNavi) every project layer is
   * drawn shifted to GCJ-02 and positions read from the map still come back in WGS84.
   */
  setBasemapCrs(crs: BasemapCrs): void {
    this.displayShift.setCrs(crs);
  }

  get basemapCrs(): BasemapCrs {
    return this.displayShift.current;
  }

  /** A WGS84 position where it is drawn (for the camera and popups: they work in the drawing system). */
  toDisplay(lon: number, lat: number): [number, number] {
    return this.displayShift.toDisplay(lon, lat);
  }

  /** A position of the camera (centre, bounds) in WGS84. */
  toWgs84(lon: number, lat: number): [number, number] {
    return this.displayShift.toWgs84(lon, lat);
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
    this.jumpToWgs84(at[0], at[1], { minZoom: 14 });
    this.openPopup(at, facilityPopup(feature.properties ?? {}, this.labels, this.format));
  }

  /** Opens a popup at the WGS84 position `at` (drawn where the data is drawn). */
  private openPopup(at: [number, number], content: HTMLElement | null): void {
    this.popup?.remove();
    this.popup = null;
    if (!content) return;
    this.popup = new maplibregl.Popup({ maxWidth: '320px', focusAfterOpen: true, offset: 14 }).setLngLat(this.toDisplay(at[0], at[1])).setDOMContent(content).addTo(this.map);
  }

  private onClick(event: maplibregl.MapMouseEvent): void {
    if (!this.ready || !this.labels || !this.format) return;
    if (this.clickInterceptor?.(event)) {
      this.popup?.remove();
      this.popup = null;
      return;
    }
    const [facility] = this.map.queryRenderedFeatures(event.point, { layers: ['facilities-circle'] });
    let content: HTMLElement | null = null;
    // Event positions and picked geometries are WGS84 (DisplayShift converts them).
    let at: [number, number] = [event.lngLat.lng, event.lngLat.lat];
    const estate = facility ? null : this.estateAt(event.point);
    const estateReply = estate ? (this.estateClick?.onEstate(estate) ?? null) : null;
    if (estateReply === true) {
      this.popup?.remove();
      this.popup = null;
      return;
    }
    if (facility) {
      content = facilityPopup(facility.properties, this.labels, this.format);
      if (facility.geometry.type === 'Point') at = facility.geometry.coordinates as [number, number];
    } else if (estateReply) {
      content = estateReply;
    } else if (this.populationRaster.current) {
      const raster = this.populationRaster.current;
      const visible = this.map.getLayoutProperty(POPULATION_RASTER, 'visibility') !== 'none';
      const index = visible ? raster.cellAt(event.lngLat.lng, event.lngLat.lat) : -1;
      if (index >= 0) {
        const fid = raster.grid.fid ? raster.grid.fid[index] : index;
        const covered = this.uncovered ? !this.uncovered.has(fid) : null;
        content = cellPopup(this.cellProperties?.(index) ?? {}, covered, this.labels, this.format);
      }
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

  /** The estate drawn at `point` (the estateClick hook's layers, top first), or null. */
  private estateAt(point: maplibregl.Point): { id: string; name: string | null } | null {
    const hook = this.estateClick;
    if (!this.ready || !hook) return null;
    const layers = hook.layers.filter((layer) => this.map.getLayer(layer) && this.map.getLayoutProperty(layer, 'visibility') !== 'none');
    if (layers.length === 0) return null;
    const box: [maplibregl.PointLike, maplibregl.PointLike] = [
      [point.x - ESTATE_HIT_PX, point.y - ESTATE_HIT_PX],
      [point.x + ESTATE_HIT_PX, point.y + ESTATE_HIT_PX],
    ];
    const hits = this.map.queryRenderedFeatures(box, { layers });
    // queryRenderedFeatures answers top layer first; among the hook's layers keep the hook's order.
    for (const layer of layers) {
      const hit = hits.find((feature) => feature.layer.id === layer && feature.properties.id !== undefined && feature.properties.id !== null);
      if (hit) return { id: String(hit.properties.id), name: hit.properties.name === undefined || hit.properties.name === null ? null : String(hit.properties.name) };
    }
    return null;
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
    // Name labels placed (after collision handling), per label layer: "labels-facilities:3,…".
    this.container.dataset.renderedLabels = LABEL_LAYERS.map((layer) => {
      const names = this.map.getLayer(layer) ? this.map.queryRenderedFeatures({ layers: [layer] }).map((feature) => String(feature.properties.name)) : [];
      return `${layer}:${new Set(names).size}`;
    }).join(',');
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
