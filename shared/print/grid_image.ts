/**
 * The population grid as one image in the map frame: every pixel takes the class colour of the grid
 * cell under its centre. Cells lie on a regular lon/lat grid and the frame is in a projected CRS, so the
 * pixel centres are taken back to lon/lat — exactly at the nodes of a lattice every LATTICE_PX pixels
 * and bilinearly between them (in a Gauss–Krüger zone over a city the error is far below a pixel).
 */
import type { DemandGrid } from '../engine/demand_grid';
import { gridLayout, type GridLayout } from '../engine/gaps/grid_layout';
import type { ClassBreaks } from '../map_style/class_breaks';
import type { ImageItem } from './display_list';
import { lonLatToPage, type MapFrame } from './map_frame';
import { encodeIndexedPng } from './png_encode';

const LATTICE_PX = 16;
/** Pixels per cell side at most: finer pixels only cost time and bytes. */
const MAX_PX_PER_CELL = 4;
/** zlib level of the image: a class map compresses well already at a low level, and faster. */
const PNG_LEVEL = 3;

/** The class (0-based) of `value`: the number of breaks ≤ value. */
export function classOf(classes: ClassBreaks, value: number): number {
  let index = 0;
  while (index < classes.breaks.length && value >= classes.breaks[index]) index++;
  return index;
}

/** The grid's raster layout, kept per grid and cell size: an atlas draws the same grid on every page. */
const layouts = new WeakMap<DemandGrid, { key: string; layout: GridLayout }>();

function layoutOf(grid: DemandGrid, cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null): GridLayout {
  const key = cellSize ? `${cellSize.cellWidthDeg}:${cellSize.cellHeightDeg}` : '';
  const known = layouts.get(grid);
  if (known && known.key === key) return known.layout;
  const computed = gridLayout(grid, cellSize ?? {});
  layouts.set(grid, { key, layout: computed });
  return computed;
}

function rgb(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/**
 * The grid image over the part of the frame the grid covers, or null when it covers none of it.
 * @param values one value per cell (the classified count); NaN draws nothing
 * @param dpi image resolution on paper (capped at MAX_PX_PER_CELL pixels per cell side)
 */
export function gridImage(
  frame: MapFrame,
  grid: DemandGrid,
  cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null,
  values: Float64Array,
  classes: ClassBreaks,
  dpi: number,
): ImageItem | null {
  const layout = layoutOf(grid, cellSize);
  const { west, north, columns, rows, cellWidthDeg, cellHeightDeg, cellAt } = layout;
  const east = west + columns * cellWidthDeg;
  const south = north - rows * cellHeightDeg;
  // Page bbox of the grid (edges sampled), clipped to the frame.
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i <= 16; i++) {
    const t = i / 16;
    for (const [lon, lat] of [[west + t * (east - west), south], [west + t * (east - west), north], [west, south + t * (north - south)], [east, south + t * (north - south)]]) {
      const [x, y] = lonLatToPage(frame, lon, lat);
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  const { xMm, yMm, widthMm, heightMm } = frame.rect;
  x0 = Math.max(x0, xMm);
  y0 = Math.max(y0, yMm);
  x1 = Math.min(x1, xMm + widthMm);
  y1 = Math.min(y1, yMm + heightMm);
  if (!(x1 > x0 && y1 > y0)) return null;
  const cellMm = cellSideMm(frame, west, north, cellWidthDeg, cellHeightDeg);
  const pxMm = Math.max(25.4 / dpi, cellMm / MAX_PX_PER_CELL);
  const widthPx = Math.max(1, Math.ceil((x1 - x0) / pxMm));
  const heightPx = Math.max(1, Math.ceil((y1 - y0) / pxMm));
  const stepX = (x1 - x0) / widthPx;
  const stepY = (y1 - y0) / heightPx;

  // lon/lat at the lattice nodes
  const nodesX = Math.ceil(widthPx / LATTICE_PX) + 1;
  const nodesY = Math.ceil(heightPx / LATTICE_PX) + 1;
  const nodeLon = new Float64Array(nodesX * nodesY);
  const nodeLat = new Float64Array(nodesX * nodesY);
  for (let j = 0; j < nodesY; j++) {
    for (let i = 0; i < nodesX; i++) {
      const pageX = x0 + i * LATTICE_PX * stepX;
      const pageY = y0 + j * LATTICE_PX * stepY;
      const [lon, lat] = frame.toWgs84(frame.extent[0] + (pageX - xMm) * frame.unitsPerMm, frame.extent[3] - (pageY - yMm) * frame.unitsPerMm);
      nodeLon[j * nodesX + i] = lon;
      nodeLat[j * nodesX + i] = lat;
    }
  }

  // A palette image: entry 0 transparent (no cell, no value), entry k + 1 the colour of class k.
  const palette: Array<[number, number, number]> = [[255, 255, 255], ...classes.colors.map(rgb)];
  const cellIndex = new Uint8Array(grid.count);
  for (let c = 0; c < grid.count; c++) cellIndex[c] = Number.isFinite(values[c]) ? classOf(classes, values[c]) + 1 : 0;
  const indices = new Uint8Array(widthPx * heightPx);
  for (let py = 0; py < heightPx; py++) {
    // pixel centre in lattice units
    const ly = (py + 0.5) / LATTICE_PX;
    const j = Math.min(nodesY - 2, Math.floor(ly));
    const fy = ly - j;
    const row0 = py * widthPx;
    for (let px = 0; px < widthPx; px++) {
      const lx = (px + 0.5) / LATTICE_PX;
      const i = Math.min(nodesX - 2, Math.floor(lx));
      const fx = lx - i;
      const a = j * nodesX + i, b = a + 1, c = a + nodesX, d = c + 1;
      const lon = (nodeLon[a] * (1 - fx) + nodeLon[b] * fx) * (1 - fy) + (nodeLon[c] * (1 - fx) + nodeLon[d] * fx) * fy;
      const lat = (nodeLat[a] * (1 - fx) + nodeLat[b] * fx) * (1 - fy) + (nodeLat[c] * (1 - fx) + nodeLat[d] * fx) * fy;
      const column = Math.floor((lon - west) / cellWidthDeg);
      const row = Math.floor((north - lat) / cellHeightDeg);
      if (column < 0 || column >= columns || row < 0 || row >= rows) continue;
      const cell = cellAt[row * columns + column];
      if (cell < 0) continue;
      indices[row0 + px] = cellIndex[cell];
    }
  }
  const png = encodeIndexedPng(indices, widthPx, heightPx, palette, [0], PNG_LEVEL);
  return { kind: 'image', xMm: x0, yMm: y0, widthMm: x1 - x0, heightMm: y1 - y0, png, widthPx, heightPx };
}

/** The smaller side of one grid cell on the page, mm (at the grid's north-west corner). */
function cellSideMm(frame: MapFrame, west: number, north: number, cellWidthDeg: number, cellHeightDeg: number): number {
  const [ax, ay] = lonLatToPage(frame, west, north);
  const [bx, by] = lonLatToPage(frame, west + cellWidthDeg, north);
  const [cx, cy] = lonLatToPage(frame, west, north - cellHeightDeg);
  return Math.min(Math.hypot(bx - ax, by - ay), Math.hypot(cx - ax, cy - ay));
}
