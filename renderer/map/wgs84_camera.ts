/**
 * The map's camera spoken in WGS84. MapLibre's camera (center, jumpTo, easeTo, fitBounds) works in
 * the drawing system, which is GCJ-02 over an AutoNavi basemap (display_shift.ts); the app stores
 * WGS84. Every camera move to a data position and every read of the camera as a data position goes
 * through here (MapController exposes it), so no component can forget the ~500 m shift.
 */
import type { BasemapCrs } from './coordinate_shift';
import { toDisplayPosition, toWgs84Position } from './coordinate_shift';

type Bbox = [number, number, number, number];

/** The part of maplibregl.Map this uses (a plain object in the unit tests). */
export interface Camera {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  jumpTo(options: { center: [number, number]; zoom?: number }): unknown;
  easeTo(options: { center: [number, number]; zoom?: number; duration?: number }): unknown;
  fitBounds(bounds: [[number, number], [number, number]], options: { padding?: number; maxZoom?: number; duration?: number }): unknown;
}

export interface CameraMove {
  /** Zoom to use; default: the current zoom (raised to minZoom). */
  zoom?: number;
  /** Zoom in at least this far (street level when going to a place), never out. */
  minZoom?: number;
  /** Animation in ms (easeTo; default MapLibre's). */
  duration?: number;
}

export interface FitOptions {
  /** Margin in px around the box (default 40). */
  padding?: number;
  /** Do not zoom in further than this (default 16). */
  maxZoom?: number;
  /** Animation in ms (default 0: no animation). */
  duration?: number;
}

export class Wgs84Camera {
  /** @param crs the drawing system now (read on every call: the basemap can change). */
  constructor(
    private readonly camera: Camera,
    private readonly crs: () => BasemapCrs,
  ) {}

  /** The camera centre in WGS84 [lon, lat]. */
  center(): [number, number] {
    const { lng, lat } = this.camera.getCenter();
    return toWgs84Position(this.crs(), lng, lat);
  }

  zoom(): number {
    return this.camera.getZoom();
  }

  private zoomFor(move: CameraMove): number {
    const zoom = move.zoom ?? this.camera.getZoom();
    return move.minZoom === undefined ? zoom : Math.max(zoom, move.minZoom);
  }

  /** Centres the map on the WGS84 position (lon, lat) at once. */
  jumpTo(lon: number, lat: number, move: CameraMove = {}): void {
    this.camera.jumpTo({ center: toDisplayPosition(this.crs(), lon, lat), zoom: this.zoomFor(move) });
  }

  /** Centres the map on the WGS84 position (lon, lat) with a short animation. */
  easeTo(lon: number, lat: number, move: CameraMove = {}): void {
    this.camera.easeTo({ center: toDisplayPosition(this.crs(), lon, lat), zoom: this.zoomFor(move), ...(move.duration === undefined ? {} : { duration: move.duration }) });
  }

  /** Fits the WGS84 box [west, south, east, north] into the view (all four corners shifted). */
  fitTo(bbox: Bbox, options: FitOptions = {}): void {
    if (!bbox.every(Number.isFinite)) return;
    const crs = this.crs();
    const corners = [
      toDisplayPosition(crs, bbox[0], bbox[1]),
      toDisplayPosition(crs, bbox[2], bbox[1]),
      toDisplayPosition(crs, bbox[2], bbox[3]),
      toDisplayPosition(crs, bbox[0], bbox[3]),
    ];
    const lons = corners.map((c) => c[0]);
    const lats = corners.map((c) => c[1]);
    this.camera.fitBounds(
      [
        [Math.min(...lons), Math.min(...lats)],
        [Math.max(...lons), Math.max(...lats)],
      ],
      { padding: options.padding ?? 40, maxZoom: options.maxZoom ?? 16, duration: options.duration ?? 0 },
    );
  }
}
