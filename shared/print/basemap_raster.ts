/**
 * A tile basemap under a print sheet's map: which Web Mercator XYZ tiles cover the map frame at the
 * zoom that matches the print resolution, and the one image that resamples them into the frame's
 * grid (Gauss–Krüger or Web Mercator). Every image pixel centre is taken back to lon/lat through the
 * frame's inverse projection, shifted WGS84 → GCJ-02 when the tiles are drawn in GCJ-02 (AutoNavi), and
 * looked up in the tile mosaic (nearest pixel). As in grid_image.ts the exact transform is computed at
 * the nodes of a lattice every LATTICE_PX pixels and interpolated bilinearly between them: both
 * transforms are smooth, the error over 16 pixels of a city-sized frame is far below a pixel.
 * The fetching is the host's (electron/services/print/basemap_tiles.ts); this module is pure.
 */
import { wgs84ToGcj02 } from '../geodesy/gcj02';
import type { ImageItem } from './display_list';
import type { MapFrame } from './map_frame';
import { encodeRgbPng } from './png_encode';

export const BASEMAP_TILE_CRS = ['wgs84', 'gcj02'] as const;
/** What the tiles are drawn in: 'wgs84' (OSM and most servers) or 'gcj02' (AutoNavi/Amap, Tencent). */
export type BasemapTileCrs = (typeof BASEMAP_TILE_CRS)[number];

export const TILE_SIZE = 256;
/** Tiles fetched at most for one sheet: the zoom steps down until the frame needs no more. */
export const MAX_BASEMAP_TILES = 400;
/** Pixels of the basemap image at most (an A0 frame at 300 dpi would be 120 M): its resolution drops to fit. */
export const MAX_BASEMAP_PIXELS = 16_000_000;
const MAX_ZOOM = 19;
const LATTICE_PX = 16;
/** Web Mercator: ground metres per pixel at zoom 0 on the equator (2π · 6 378 137 / 256). */
const EQUATOR_M_PER_PX = 156_543.033_928;

export interface TileKey {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

export interface BasemapPlan {
  readonly zoom: number;
  readonly tiles: readonly TileKey[];
  /** The image over the whole map frame, pixels. */
  readonly widthPx: number;
  readonly heightPx: number;
  /** Tile-pixel coordinates (global at `zoom`) of the lattice nodes, [x0, y0, x1, y1, …] row by row. */
  readonly nodes: Float64Array;
  readonly nodesX: number;
  readonly nodesY: number;
}

/** Global pixel coordinates at `zoom` of a lon/lat (Web Mercator, tile pixels from the top-left of the world). */
function worldPixel(lon: number, lat: number, zoom: number): [number, number] {
  const size = TILE_SIZE * 2 ** zoom;
  const clamped = Math.max(-85.051_128_78, Math.min(85.051_128_78, lat));
  const s = Math.sin((clamped * Math.PI) / 180);
  return [((lon + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

/**
 * The tiles and image size for `frame` at `dpi`: the zoom whose tile pixels are no coarser than the
 * print's pixels at the frame's centre, stepped down while more than `maxTiles` tiles would be needed.
 * @example basemapPlan(frame, 150).zoom // 15 for a 1:44 000 frame at 30.6°N (4.1 m per tile pixel ≤ 7.5 m per printed pixel)
 */
export function basemapPlan(frame: MapFrame, dpi: number, tileCrs: BasemapTileCrs = 'wgs84', maxTiles = MAX_BASEMAP_TILES): BasemapPlan {
  const { widthMm, heightMm } = frame.rect;
  const scale = Math.min(1, Math.sqrt(MAX_BASEMAP_PIXELS / ((widthMm / 25.4) * dpi * ((heightMm / 25.4) * dpi))));
  const pxDpi = dpi * scale;
  const widthPx = Math.max(1, Math.round((widthMm / 25.4) * pxDpi));
  const heightPx = Math.max(1, Math.round((heightMm / 25.4) * pxDpi));
  const [minX, minY, maxX, maxY] = frame.extent;
  const toTileLonLat = (x: number, y: number): [number, number] => {
    const [lon, lat] = frame.toWgs84(x, y);
    return tileCrs === 'gcj02' ? wgs84ToGcj02(lon, lat) : [lon, lat];
  };
  const [, centreLat] = toTileLonLat((minX + maxX) / 2, (minY + maxY) / 2);
  // Ground metres of one printed pixel, and of one tile pixel at zoom z: EQUATOR_M_PER_PX · cos φ / 2^z.
  const printM = ((widthMm * frame.unitsPerMm) / widthPx) * (frame.crs.definition.family === 'web_mercator' ? Math.cos((centreLat * Math.PI) / 180) : 1);
  let zoom = Math.max(0, Math.min(MAX_ZOOM, Math.ceil(Math.log2((EQUATOR_M_PER_PX * Math.cos((centreLat * Math.PI) / 180)) / printM))));
  const nodesX = Math.ceil(widthPx / LATTICE_PX) + 1;
  const nodesY = Math.ceil(heightPx / LATTICE_PX) + 1;
  const lonLat = new Float64Array(nodesX * nodesY * 2);
  for (let j = 0; j < nodesY; j++) {
    for (let i = 0; i < nodesX; i++) {
      const [lon, lat] = toTileLonLat(minX + ((i * LATTICE_PX) / widthPx) * (maxX - minX), maxY - ((j * LATTICE_PX) / heightPx) * (maxY - minY));
      lonLat[(j * nodesX + i) * 2] = lon;
      lonLat[(j * nodesX + i) * 2 + 1] = lat;
    }
  }
  for (;;) {
    const nodes = new Float64Array(lonLat.length);
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let k = 0; k < lonLat.length; k += 2) {
      const [px, py] = worldPixel(lonLat[k], lonLat[k + 1], zoom);
      nodes[k] = px;
      nodes[k + 1] = py;
      x0 = Math.min(x0, px);
      x1 = Math.max(x1, px);
      y0 = Math.min(y0, py);
      y1 = Math.max(y1, py);
    }
    const last = 2 ** zoom - 1;
    const tx0 = Math.max(0, Math.floor(x0 / TILE_SIZE)), tx1 = Math.min(last, Math.floor(x1 / TILE_SIZE));
    const ty0 = Math.max(0, Math.floor(y0 / TILE_SIZE)), ty1 = Math.min(last, Math.floor(y1 / TILE_SIZE));
    const count = (tx1 - tx0 + 1) * (ty1 - ty0 + 1);
    if (count <= maxTiles || zoom === 0) {
      const tiles: TileKey[] = [];
      for (let y = ty0; y <= ty1; y++) for (let x = tx0; x <= tx1; x++) tiles.push({ z: zoom, x, y });
      return { zoom, tiles, widthPx, heightPx, nodes, nodesX, nodesY };
    }
    zoom--;
  }
}

/**
 * A tile's URL from an XYZ template: {z}, {x}, {y}, {-y} (TMS rows) and {s} (subdomain a, b or c by
 * tile: (x + y) mod 3) replaced.
 * @example tileUrl('https://{s}.tile.example.org/{z}/{x}/{y}.png', { z: 3, x: 6, y: 2 }) // "https://c.tile.example.org/3/6/2.png"
 */
export function tileUrl(template: string, tile: TileKey): string {
  return template
    .trim()
    .replace(/\{s\}/g, 'abc'[(tile.x + tile.y) % 3])
    .replace(/\{z\}/g, String(tile.z))
    .replace(/\{x\}/g, String(tile.x))
    .replace(/\{-y\}/g, String(2 ** tile.z - 1 - tile.y))
    .replace(/\{y\}/g, String(tile.y));
}

/** A decoded tile: RGBA rows top to bottom, TILE_SIZE × TILE_SIZE. */
export type TilePixels = Uint8Array;

/**
 * The basemap image over the whole map frame: each pixel the colour of the tile pixel under its centre
 * (white where a tile is missing, e.g. outside the world's rows).
 */
export function basemapImage(frame: MapFrame, plan: BasemapPlan, tiles: ReadonlyMap<string, TilePixels>): ImageItem {
  const { widthPx, heightPx, nodes, nodesX, nodesY } = plan;
  const rgb = new Uint8Array(widthPx * heightPx * 3).fill(255);
  for (let py = 0; py < heightPx; py++) {
    const ly = (py + 0.5) / LATTICE_PX;
    const j = Math.min(nodesY - 2, Math.floor(ly));
    const fy = ly - j;
    for (let px = 0; px < widthPx; px++) {
      const lx = (px + 0.5) / LATTICE_PX;
      const i = Math.min(nodesX - 2, Math.floor(lx));
      const fx = lx - i;
      const a = (j * nodesX + i) * 2, b = a + 2, c = a + nodesX * 2, d = c + 2;
      const wx = (nodes[a] * (1 - fx) + nodes[b] * fx) * (1 - fy) + (nodes[c] * (1 - fx) + nodes[d] * fx) * fy;
      const wy = (nodes[a + 1] * (1 - fx) + nodes[b + 1] * fx) * (1 - fy) + (nodes[c + 1] * (1 - fx) + nodes[d + 1] * fx) * fy;
      const tx = Math.floor(wx / TILE_SIZE), ty = Math.floor(wy / TILE_SIZE);
      const tile = tiles.get(tileKey({ z: plan.zoom, x: tx, y: ty }));
      if (!tile) continue;
      const sx = Math.min(TILE_SIZE - 1, Math.floor(wx - tx * TILE_SIZE));
      const sy = Math.min(TILE_SIZE - 1, Math.floor(wy - ty * TILE_SIZE));
      const from = (sy * TILE_SIZE + sx) * 4;
      const to = (py * widthPx + px) * 3;
      // Tile pixels with transparency are laid on white.
      const alpha = tile[from + 3] / 255;
      rgb[to] = Math.round(tile[from] * alpha + 255 * (1 - alpha));
      rgb[to + 1] = Math.round(tile[from + 1] * alpha + 255 * (1 - alpha));
      rgb[to + 2] = Math.round(tile[from + 2] * alpha + 255 * (1 - alpha));
    }
  }
  const { xMm, yMm, widthMm, heightMm } = frame.rect;
  return { kind: 'image', xMm, yMm, widthMm, heightMm, png: encodeRgbPng(rgb, widthPx, heightPx), widthPx, heightPx };
}

/** The key of a tile in the map `basemapImage` reads. */
export function tileKey(tile: TileKey): string {
  return `${tile.z}/${tile.x}/${tile.y}`;
}
