/**
 * The walking-time classes as something the map draws without one feature per cell: an RGBA image
 * over the grid's extent when the cells lie on a regular lon/lat grid (painted here, in the worker,
 * with the population image's raster rules), else coloured points (irregular demand points).
 */
import type { DemandGrid } from '../../shared/engine/demand_grid';
import type { ClassBreaks } from '../../shared/map_style/class_breaks';
import { PopulationRaster, type Corners } from '../map/population_raster';
import { travelTimeColors } from '../map/travel_time_colors';
import type { TravelTimeMap } from './travel_time_classes';

export interface TravelTimeImage {
  widthPx: number;
  heightPx: number;
  /** RGBA, row by row from the north edge; transparent where the grid has no cell. */
  pixels: Uint8ClampedArray;
  /** top-left, top-right, bottom-right, bottom-left [lon, lat] */
  corners: Corners;
}

export interface TravelTimePoints {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: { type: 'Point'; coordinates: [number, number] }; properties: { travelClass: number } }[];
}

export interface TravelTimeDrawing {
  /** Colours by class index: the walking-time classes, "beyond", "off the network". */
  colors: string[];
  image: TravelTimeImage | null;
  /** Only when the cells are not a regular grid. */
  points: TravelTimePoints | null;
}

/**
 * @example travelTimeDrawing(grid, cellSize, travelTimeClasses(cells, model.cellCostM, [5, 10, 15], 'minutes', 1)).image?.widthPx
 */
export function travelTimeDrawing(grid: DemandGrid, cellSize: { cellWidthDeg: number; cellHeightDeg: number } | null, travel: TravelTimeMap): TravelTimeDrawing {
  const colors = travelTimeColors(travel.classes.length);
  let raster: PopulationRaster | null = null;
  try {
    raster = new PopulationRaster(grid, cellSize);
  } catch {
    // Not one regular grid (or too wide for one texture): draw the cells as points instead.
    raster = null;
  }
  if (!raster) {
    const features: TravelTimePoints['features'] = [];
    for (let c = 0; c < grid.count; c++) {
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [grid.lon[c], grid.lat[c]] }, properties: { travelClass: travel.cellClass[c] } });
    }
    return { colors, image: null, points: { type: 'FeatureCollection', features } };
  }
  // Class k is painted with colors[k]: breaks 1, 2, … put value k in class k.
  const classes: ClassBreaks = {
    breaks: colors.slice(1).map((_, k) => k + 1),
    colors,
    min: 0,
    max: colors.length - 1,
    count: grid.count,
  };
  const values = Float64Array.from(travel.cellClass);
  const pixels = new Uint8ClampedArray(raster.widthPx * raster.heightPx * 4);
  raster.paint(pixels, values, classes);
  return { colors, image: { widthPx: raster.widthPx, heightPx: raster.heightPx, pixels, corners: raster.corners() }, points: null };
}
