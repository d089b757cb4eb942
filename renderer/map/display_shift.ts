/**
 * Draws the project over a GCJ-02 basemap (AutoNavi/Amap) while the app keeps speaking WGS84.
 *
 * The MapController creates one DisplayShift right after the map, before any other listener or
 * source exists. From then on, for every project source (all but the basemap's `basemap:` ones):
 *  - data in: GeoJSON `setData` (and the `data` of `addSource`) and image/canvas corners
 *    (`setCoordinates`, `coordinates`) are given in WGS84 and drawn through shiftForDisplay /
 *    shiftCorners — the one transform of coordinate_shift.ts;
 *  - positions out: the `lngLat` of pointer events (click, mousedown/up/move, touch) and the
 *    geometries of `queryRenderedFeatures` / `querySourceFeatures` come back in WGS84
 *    (gcj02ToWgs84), so clicks, drags and picked features store WGS84 whatever the basemap.
 * The hooks sit on this map's source instances and on the map instance itself (never on MapLibre's
 * prototypes), so code written against the plain MapLibre API — the controller, the workspace
 * layers, the analysis overlay — needs no change and cannot forget the shift.
 *
 * What stays in the drawing system (GCJ-02 when shifted): the camera (center, bounds, jumpTo,
 * fitBounds), project/unproject and the positions of popups and markers. Code that moves the camera
 * or opens a popup at a data position converts it first: components use the controller's
 * centerWgs84/jumpToWgs84/easeToWgs84/fitToWgs84 (wgs84_camera.ts), never the map's camera.
 * Layer `mouseenter`/`mouseleave` events (built by MapLibre itself) carry drawing-system positions.
 */
import * as maplibregl from 'maplibre-gl';
import type { GeoJSON, Geometry } from 'geojson';
import { BASEMAP_PREFIX } from './basemap';
import { shiftCorners, shiftForDisplay, toDisplayPosition, toWgs84Position, unshiftFromDisplay, type BasemapCrs } from './coordinate_shift';
import type { Corners } from './population_raster';

/** Events whose `lngLat` is turned back into WGS84 before any app listener sees it. */
const POINTER_EVENTS = [
  'mousedown', 'mouseup', 'mousemove', 'mouseover', 'mouseout', 'click', 'dblclick', 'contextmenu',
  'touchstart', 'touchend', 'touchmove', 'touchcancel',
] as const;

type GeoJsonData = GeoJSON | string;

interface GeoJsonEntry {
  source: maplibregl.GeoJSONSource;
  /** MapLibre's own setData of this instance. */
  setData: (data: GeoJsonData) => Promise<void>;
  /** The last data the app gave, in WGS84 (null: none yet). */
  data: GeoJsonData | null;
}

/** What image and canvas sources offer (CanvasSource is not exported by MapLibre). */
interface CornerSource {
  setCoordinates(coordinates: Corners): unknown;
}

interface ImageEntry {
  source: CornerSource;
  setCoordinates: (coordinates: Corners) => unknown;
  corners: Corners | null;
}

/** Read-only diagnostics on the map element, for the browser tests and support. */
export interface MapProbe {
  /** The system the map draws in. */
  crs(): BasemapCrs;
  /** The camera centre in the drawing system. */
  center(): { lon: number; lat: number };
  /** Screen pixel of a position given in the drawing system. */
  project(lon: number, lat: number): { x: number; y: number };
  /** Drawn (drawing-system) positions of the point features rendered in `layerId`. */
  drawnPoints(layerId: string): Array<{ id: string | number | undefined; lon: number; lat: number }>;
}

export const MAP_PROBE_PROPERTY = 'sitingMapProbe';

type SourceSpec = maplibregl.SourceSpecification | maplibregl.CanvasSourceSpecification;

export class DisplayShift {
  private crs: BasemapCrs = 'wgs84';
  private readonly geojson = new Map<string, GeoJsonEntry>();
  private readonly images = new Map<string, ImageEntry>();
  private readonly rawQueryRendered: maplibregl.Map['queryRenderedFeatures'];

  constructor(private readonly map: maplibregl.Map) {
    // Registered before every other listener: later listeners receive the converted event.
    for (const type of POINTER_EVENTS) map.on(type, this.readBack);
    this.rawQueryRendered = map.queryRenderedFeatures.bind(map);
    this.wrapAddSource();
    this.wrapQueries();
    map.on('load', () => this.adoptStyleSources());
    map.getContainer().dataset.displayCrs = this.crs;
    const probe: MapProbe = {
      crs: () => this.crs,
      center: () => {
        const { lng, lat } = map.getCenter();
        return { lon: lng, lat };
      },
      project: (lon, lat) => {
        const point = map.project([lon, lat]);
        return { x: point.x, y: point.y };
      },
      drawnPoints: (layerId) =>
        this.rawQueryRendered({ layers: [layerId] }).flatMap((feature) =>
          feature.geometry.type === 'Point' ? [{ id: feature.id, lon: feature.geometry.coordinates[0], lat: feature.geometry.coordinates[1] }] : [],
        ),
    };
    Object.defineProperty(map.getContainer(), MAP_PROBE_PROPERTY, { value: probe, configurable: true });
  }

  get current(): BasemapCrs {
    return this.crs;
  }

  /** Draws every project source in `crs` from now on (re-sending what each source holds). */
  setCrs(crs: BasemapCrs): void {
    if (crs === this.crs) return;
    this.crs = crs;
    this.map.getContainer().dataset.displayCrs = crs;
    for (const [id, entry] of this.geojson) {
      if (this.map.getSource(id) !== entry.source) {
        this.geojson.delete(id);
        continue;
      }
      if (entry.data !== null) void entry.setData(this.drawn(entry.data));
    }
    for (const [id, entry] of this.images) {
      if ((this.map.getSource(id) as unknown) !== entry.source) {
        this.images.delete(id);
        continue;
      }
      if (entry.corners !== null) entry.setCoordinates(shiftCorners(entry.corners, crs));
    }
    this.map.triggerRepaint();
  }

  /** A WGS84 position in the drawing system (for the camera and popups). */
  toDisplay(lon: number, lat: number): [number, number] {
    return toDisplayPosition(this.crs, lon, lat);
  }

  /** A drawing-system position (camera centre, bounds) in WGS84. */
  toWgs84(lon: number, lat: number): [number, number] {
    return toWgs84Position(this.crs, lon, lat);
  }

  private drawn(data: GeoJsonData): GeoJsonData {
    return typeof data === 'string' ? data : shiftForDisplay(data, this.crs);
  }

  private readonly readBack = (event: maplibregl.MapMouseEvent | maplibregl.MapTouchEvent): void => {
    if (this.crs === 'wgs84') return;
    const back = (lngLat: maplibregl.LngLat) => new maplibregl.LngLat(...this.toWgs84(lngLat.lng, lngLat.lat));
    event.lngLat = back(event.lngLat);
    if ('lngLats' in event) event.lngLats = event.lngLats.map(back);
  };

  private wrapAddSource(): void {
    const map = this.map;
    const addSource = map.addSource.bind(map);
    map.addSource = (id: string, spec: SourceSpec) => {
      if (id.startsWith(BASEMAP_PREFIX)) return addSource(id, spec);
      if (spec.type === 'geojson' && spec.data !== undefined) {
        addSource(id, { ...spec, data: this.drawn(spec.data as GeoJsonData) as typeof spec.data });
      } else if ((spec.type === 'canvas' || spec.type === 'image') && spec.coordinates) {
        addSource(id, { ...spec, coordinates: shiftCorners(spec.coordinates as Corners, this.crs) });
      } else {
        addSource(id, spec);
      }
      this.adopt(id, spec);
      return map;
    };
  }

  /** Hooks the data methods of source `id`, whose WGS84 content is described by `spec`. */
  private adopt(id: string, spec: SourceSpec): void {
    const source = this.map.getSource(id);
    if (!source) return;
    if (spec.type === 'geojson') {
      const geojson = source as maplibregl.GeoJSONSource;
      const entry: GeoJsonEntry = {
        source: geojson,
        setData: geojson.setData.bind(geojson),
        data: spec.data === undefined ? null : (spec.data as GeoJsonData),
      };
      geojson.setData = (data: GeoJsonData) => {
        entry.data = data;
        return entry.setData(this.drawn(data));
      };
      this.geojson.set(id, entry);
    } else if (spec.type === 'canvas' || spec.type === 'image') {
      const image = source as unknown as CornerSource;
      const entry: ImageEntry = {
        source: image,
        setCoordinates: image.setCoordinates.bind(image),
        corners: (spec.coordinates as Corners | undefined) ?? null,
      };
      image.setCoordinates = (corners: Corners) => {
        entry.corners = corners;
        return entry.setCoordinates(shiftCorners(corners, this.crs));
      };
      this.images.set(id, entry);
    }
  }

  /** The sources of the initial style (map_style.ts), which exist before addSource is ever called. */
  private adoptStyleSources(): void {
    const sources = this.map.getStyle().sources ?? {};
    for (const [id, spec] of Object.entries(sources)) {
      if (id.startsWith(BASEMAP_PREFIX) || this.geojson.has(id) || this.images.has(id)) continue;
      this.adopt(id, spec as SourceSpec);
    }
  }

  private wrapQueries(): void {
    const map = this.map;
    const queryRendered = this.rawQueryRendered;
    const querySource = map.querySourceFeatures.bind(map);
    map.queryRenderedFeatures = ((geometryOrOptions?: Parameters<typeof queryRendered>[0], options?: Parameters<typeof queryRendered>[1]) =>
      this.readFeatures(queryRendered(geometryOrOptions, options))) as typeof map.queryRenderedFeatures;
    map.querySourceFeatures = ((sourceId: string, parameters?: Parameters<typeof querySource>[1]) =>
      this.readFeatures(querySource(sourceId, parameters))) as typeof map.querySourceFeatures;
  }

  /**
   * Features read from the map with WGS84 geometries. The conversion is lazy (on first access of
   * `geometry`, like MapLibre's own decoding): counting rendered features costs nothing extra.
   */
  private readFeatures<F extends { geometry: Geometry }>(features: F[]): F[] {
    const crs = this.crs;
    if (crs === 'wgs84') return features;
    for (const feature of features) {
      const descriptor = findDescriptor(feature, 'geometry');
      const read = descriptor?.get ? () => descriptor.get?.call(feature) as Geometry : () => descriptor?.value as Geometry;
      let converted: Geometry | null = null;
      Object.defineProperty(feature, 'geometry', {
        configurable: true,
        enumerable: true,
        get: () => (converted ??= unshiftFromDisplay(read(), crs)),
        set: (value: Geometry) => (converted = value),
      });
    }
    return features;
  }
}

function findDescriptor(object: object, key: string): PropertyDescriptor | undefined {
  for (let current: object | null = object; current !== null; current = Object.getPrototypeOf(current)) {
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (descriptor) return descriptor;
  }
  return undefined;
}
