/**
 * Walking-time (or walking-distance) classes of the cells for the map: sequential classes up to the
 * largest threshold, then "beyond the largest threshold (or not connected)" and "off the network" as
 * two distinct classes. Class limits that are thresholds use the engine's own test (cost ≤ limit in
 * level-walking metres, the limit computed as resolveThresholds does), so a cell coloured "≤ 15 min"
 * or "≤ 500 m" is exactly a cell the figures of that threshold count as covered.
 */
import type { PreparedCells } from '../../shared/engine/network/prepare_network';
import { MAX_TRAVEL_CLASSES } from '../map/travel_time_colors';

/** The unit of the class limits: walking minutes (time thresholds) or level-walking metres (network distances). */
export type TravelUnit = 'minutes' | 'metres';

export interface TravelTimeClass {
  /** Upper limit of the class in the map's unit (inclusive); the lower limit is the previous class's. */
  upTo: number;
  /** Whether this limit is one of the analysis thresholds (else an intermediate step). */
  threshold: boolean;
  cells: number;
  elderly: number;
}

export interface TravelTimeMap {
  unit: TravelUnit;
  classes: TravelTimeClass[];
  /** Cells reachable on the network but not within the largest threshold, or not connected at all. */
  beyond: { cells: number; elderly: number };
  /** Cells farther than the snap distance from every walkable way. */
  offNetwork: { cells: number; elderly: number };
  /** Per cell: class index 0..classes.length-1, then BEYOND = classes.length, OFF_NETWORK = classes.length + 1. */
  cellClass: Uint8Array;
}

/** With fewer thresholds than this, intermediate limits are added so the map still shows a gradient. */
const MIN_CLASSES = 3;

/**
 * `thresholds` are minutes (unit 'minutes', walked at speedMps) or level-walking metres (unit 'metres').
 * @example travelTimeClasses(cells, model.cellCostM, [5, 10, 15], 'minutes', 1.0).classes.map((c) => c.upTo) // [5, 10, 15]
 */
export function travelTimeClasses(
  cells: PreparedCells,
  cellCostM: Float64Array,
  thresholds: readonly number[],
  unit: TravelUnit,
  speedMps: number,
): TravelTimeMap {
  const distinct = [...new Set(thresholds)].sort((a, b) => a - b);
  const largest = distinct[distinct.length - 1];
  const limits = new Map<number, boolean>(distinct.map((m) => [m, true]));
  if (distinct.length < MIN_CLASSES) {
    // Intermediate limits at tenths of a minute or whole metres.
    const precision = unit === 'minutes' ? 10 : 1;
    for (let k = 1; k < MIN_CLASSES; k++) {
      const step = Math.round(((largest * k) / MIN_CLASSES) * precision) / precision;
      if (step > 0 && !limits.has(step)) limits.set(step, false);
    }
  }
  const upTo = [...limits.keys()].sort((a, b) => a - b);
  if (upTo.length > MAX_TRAVEL_CLASSES) throw new RangeError(`at most ${MAX_TRAVEL_CLASSES} walking thresholds can be mapped, got ${upTo.length}`);
  // The engine's limits (resolveThresholds): minutes × 60 × speed, or the distance itself; covered when cost ≤ limit.
  const limitM = upTo.map((value) => (unit === 'minutes' ? value * 60 * speedMps : value));
  const classes: TravelTimeClass[] = upTo.map((value) => ({ upTo: value, threshold: limits.get(value) === true, cells: 0, elderly: 0 }));
  const beyond = { cells: 0, elderly: 0 };
  const offNetwork = { cells: 0, elderly: 0 };
  const count = cells.grid.count;
  const cellClass = new Uint8Array(count);
  const { elderly } = cells.grid;
  const edge = cells.snaps.edge;
  for (let c = 0; c < count; c++) {
    const cost = cellCostM[c];
    let k = 0;
    while (k < limitM.length && !(cost <= limitM[k])) k++;
    let bucket: { cells: number; elderly: number };
    if (k < limitM.length) bucket = classes[k];
    else if (edge[c] < 0) {
      k = classes.length + 1;
      bucket = offNetwork;
    } else {
      k = classes.length;
      bucket = beyond;
    }
    cellClass[c] = k;
    bucket.cells++;
    bucket.elderly += elderly[c];
  }
  return { unit, classes, beyond, offNetwork, cellClass };
}
