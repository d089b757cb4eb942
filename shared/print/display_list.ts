/**
 * The drawing of one print sheet as a display list: what every writer (PDF, SVG, PNG) and the app's
 * preview draw, item by item in order, so all of them show the same map. Coordinates and sizes are in
 * page millimetres from the top-left corner (x right, y down); colours are '#rrggbb'.
 */

export interface Paint {
  readonly fill?: string;
  readonly fillOpacity?: number;
  /** 'evenodd' for polygons with holes drawn as one path (default 'nonzero'). */
  readonly fillRule?: 'nonzero' | 'evenodd';
  readonly stroke?: string;
  readonly strokeWidthMm?: number;
  readonly strokeOpacity?: number;
  /** Dash and gap lengths, mm. */
  readonly dashMm?: readonly number[];
}

/** Polylines and polygons: each ring is a flat [x0, y0, x1, y1, …] in mm; `closed` closes every ring. */
export interface PathItem extends Paint {
  readonly kind: 'path';
  readonly rings: readonly (readonly number[])[];
  readonly closed: boolean;
}

export interface CircleItem extends Paint {
  readonly kind: 'circle';
  readonly cxMm: number;
  readonly cyMm: number;
  readonly rMm: number;
}

export interface TextItem {
  readonly kind: 'text';
  readonly text: string;
  /** Anchor point, mm; y is the alphabetic baseline. */
  readonly xMm: number;
  readonly yMm: number;
  /** Font size (em), mm. */
  readonly sizeMm: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly bold?: boolean;
  readonly color: string;
  /** A light outline behind the glyphs so labels read over the map, mm wide. */
  readonly haloMm?: number;
}

/** A raster drawn into a rectangle (the population grid): PNG bytes. */
export interface ImageItem {
  readonly kind: 'image';
  readonly xMm: number;
  readonly yMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly png: Uint8Array;
  readonly widthPx: number;
  readonly heightPx: number;
  /** 0–1; opaque when absent (the population grid over a basemap lets it show through). */
  readonly opacity?: number;
}

/** Items drawn clipped to a rectangle (the map frame). */
export interface ClipItem {
  readonly kind: 'clip';
  readonly xMm: number;
  readonly yMm: number;
  readonly widthMm: number;
  readonly heightMm: number;
  readonly items: readonly DisplayItem[];
}

export type DisplayItem = PathItem | CircleItem | TextItem | ImageItem | ClipItem;

export interface DisplayList {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly items: readonly DisplayItem[];
}

/** A rectangle as a closed path item. */
export function rectPath(xMm: number, yMm: number, widthMm: number, heightMm: number, paint: Paint): PathItem {
  return { kind: 'path', rings: [[xMm, yMm, xMm + widthMm, yMm, xMm + widthMm, yMm + heightMm, xMm, yMm + heightMm]], closed: true, ...paint };
}

/** Points per millimetre (PDF user space). */
export const PT_PER_MM = 72 / 25.4;
