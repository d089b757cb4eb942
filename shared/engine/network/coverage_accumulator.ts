/**
 * Running coverage figures over demand cells whose travel cost changes one cell at a time (moving a
 * facility touches a few hundred cells out of a million). Per threshold it keeps exact sums of the
 * covered cells, people and person-seconds; travel-time percentiles come from a histogram with
 * one-second bins up to the statistics horizon, so a 90th percentile is exact to the second (reported
 * as the bin's upper edge). Horizons beyond ~12 days of walking (only reachable with huge distance
 * thresholds) get wider bins, so the histogram never exceeds MAX_BINS entries.
 */
import type { DemandGrid } from '../demand_grid';
import type { ResolvedThreshold } from './thresholds';
import { travelTimeOf, type TravelTimeStatistics } from './travel_time_statistics';

/** Histogram size limit (8 MB per column). */
const MAX_BINS = 1 << 20;

export interface PeopleFigures {
  cells: number;
  population: number;
  elderly: number;
}

export interface ThresholdFigures extends PeopleFigures {
  label: string;
  limitM: number;
  limitMinutes: number;
  /** covered / total; null when the total is 0 */
  populationShare: number | null;
  elderlyShare: number | null;
  /**
   * Mean walking time of the people covered at this threshold, minutes (null when nobody is). A
   * conditional figure ("those within 15 minutes walk 6.2 minutes on average"), at most the threshold
   * by construction; the walking time of everyone is in NetworkCoverageFigures.travelTime.
   */
  meanMinutes: { population: number | null; elderly: number | null };
  /**
   * 90th percentile of the walking time of the people covered at this threshold, minutes, rounded up
   * to the whole second. Conditional like meanMinutes, so never more than the threshold; for "90 % of
   * older people walk at most X minutes" use NetworkCoverageFigures.travelTime.elderly.p90Minutes.
   */
  p90Minutes: { population: number | null; elderly: number | null };
}

/**
 * The people a network analysis does not cover at its largest threshold, split by why. The three
 * parts add up to the whole (cells exactly; people up to rounding).
 */
export interface UnreachableFigures extends PeopleFigures {
  /** Cells with no walkable edge within the maximum snap distance. */
  offNetwork: PeopleFigures;
  /** Cells on the network whose connected part of it holds no facility (no path at any length). */
  noPath: PeopleFigures;
  /** Cells with a path to a facility that is longer than the largest threshold. */
  beyondLimit: PeopleFigures;
}

export interface NetworkCoverageFigures {
  speedMps: number;
  /** Largest threshold, level-walking metres: the cut-off of coverage. */
  cutoffM: number;
  /** Statistics horizon, level-walking metres (≥ cutoffM): the shortest paths are computed this far. */
  horizonM: number;
  totals: PeopleFigures;
  /** Cells with no walkable edge within the snap distance (the same as unreachable.offNetwork). */
  offNetwork: PeopleFigures;
  /**
   * Cells not covered at the largest threshold, whatever the reason (off the network, no path, or a
   * path longer than the threshold); `offNetwork`, `noPath` and `beyondLimit` split them.
   */
  unreachable: UnreachableFigures;
  thresholds: ThresholdFigures[];
  /** Walking time of everyone to the nearest facility, searched up to the horizon. */
  travelTime: TravelTimeStatistics;
  facilities: number;
}

/**
 * @example
 *   const acc = new CoverageAccumulator(grid, resolveThresholds(lifeCircleThresholds(), 1), 1, 1800);
 *   acc.apply(cell, oldCostM, -1); acc.apply(cell, newCostM, 1);
 *   acc.snapshot(totals, offNetwork, noPath, facilityCount).thresholds[2].elderlyShare
 */
export class CoverageAccumulator {
  private readonly limits: Float64Array;
  private readonly cells: Float64Array;
  private readonly population: Float64Array;
  private readonly elderly: Float64Array;
  private readonly secondsPopulation: Float64Array;
  private readonly secondsElderly: Float64Array;
  private readonly histogramPopulation: Float64Array;
  private readonly histogramElderly: Float64Array;
  /** Within the horizon: [cells, population, elderly, population-seconds, elderly-seconds]. */
  private readonly reached = new Float64Array(5);
  readonly cutoffM: number;
  readonly horizonM: number;
  /** Width of a histogram bin, whole seconds (1 unless the horizon is enormous). */
  readonly binSeconds: number;

  /** `horizonM`: statistics horizon in level-walking metres, ≥ the largest threshold (default: equal to it). */
  constructor(
    private readonly grid: DemandGrid,
    private readonly thresholds: readonly ResolvedThreshold[],
    readonly speedMps: number,
    horizonM?: number,
  ) {
    const n = thresholds.length;
    this.limits = Float64Array.from(thresholds, (t) => t.limitM);
    this.cutoffM = Math.max(...this.limits);
    this.horizonM = Math.max(this.cutoffM, horizonM ?? this.cutoffM);
    this.cells = new Float64Array(n);
    this.population = new Float64Array(n);
    this.elderly = new Float64Array(n);
    this.secondsPopulation = new Float64Array(n);
    this.secondsElderly = new Float64Array(n);
    const horizonSeconds = this.horizonM / speedMps;
    this.binSeconds = Math.max(1, Math.ceil(horizonSeconds / MAX_BINS));
    const bins = Math.ceil(horizonSeconds / this.binSeconds) + 2;
    this.histogramPopulation = new Float64Array(bins);
    this.histogramElderly = new Float64Array(bins);
  }

  clear(): void {
    for (const a of [this.cells, this.population, this.elderly, this.secondsPopulation, this.secondsElderly, this.reached]) a.fill(0);
    this.histogramPopulation.fill(0);
    this.histogramElderly.fill(0);
  }

  /** Adds (sign 1) or removes (sign -1) a cell reached at `costM`; costs beyond the horizon are ignored. */
  apply(cell: number, costM: number, sign: 1 | -1): void {
    if (!(costM <= this.horizonM)) return;
    const seconds = costM / this.speedMps;
    const pop = this.grid.population[cell] * sign;
    const eld = this.grid.elderly[cell] * sign;
    const bin = Math.floor(seconds / this.binSeconds);
    this.histogramPopulation[bin] += pop;
    this.histogramElderly[bin] += eld;
    const reached = this.reached;
    reached[0] += sign;
    reached[1] += pop;
    reached[2] += eld;
    reached[3] += pop * seconds;
    reached[4] += eld * seconds;
    const limits = this.limits;
    for (let t = 0; t < limits.length; t++) {
      if (costM > limits[t]) continue;
      this.cells[t] += sign;
      this.population[t] += pop;
      this.elderly[t] += eld;
      this.secondsPopulation[t] += pop * seconds;
      this.secondsElderly[t] += eld * seconds;
    }
  }

  /**
   * The figures now. `offNetwork` (fixed by the snapping) and `noPath` (cells in parts of the network
   * without a facility) come from the caller, who knows the network.
   */
  snapshot(totals: PeopleFigures, offNetwork: PeopleFigures, noPath: PeopleFigures, facilities: number): NetworkCoverageFigures {
    const thresholds: ThresholdFigures[] = this.thresholds.map((t, i) => {
      const population = clampSum(this.population[i]);
      const elderly = clampSum(this.elderly[i]);
      const limitSeconds = t.limitM / this.speedMps;
      return {
        label: t.label,
        limitM: t.limitM,
        limitMinutes: limitSeconds / 60,
        cells: this.cells[i],
        population,
        elderly,
        populationShare: totals.population > 0 ? population / totals.population : null,
        elderlyShare: totals.elderly > 0 ? elderly / totals.elderly : null,
        meanMinutes: {
          population: population > 0 ? this.secondsPopulation[i] / population / 60 : null,
          elderly: elderly > 0 ? this.secondsElderly[i] / elderly / 60 : null,
        },
        p90Minutes: {
          population: percentileSeconds(this.histogramPopulation, this.binSeconds, population, 0.9, limitSeconds),
          elderly: percentileSeconds(this.histogramElderly, this.binSeconds, elderly, 0.9, limitSeconds),
        },
      };
    });
    const widest = this.limits.indexOf(this.cutoffM);
    const unreachable: PeopleFigures = {
      cells: totals.cells - this.cells[widest],
      population: nonNegative(totals.population - clampSum(this.population[widest])),
      elderly: nonNegative(totals.elderly - clampSum(this.elderly[widest])),
    };
    const beyondLimit: PeopleFigures = {
      cells: unreachable.cells - offNetwork.cells - noPath.cells,
      population: nonNegative(unreachable.population - offNetwork.population - noPath.population),
      elderly: nonNegative(unreachable.elderly - offNetwork.elderly - noPath.elderly),
    };
    const horizonSeconds = this.horizonM / this.speedMps;
    const reached = this.reached;
    return {
      speedMps: this.speedMps,
      cutoffM: this.cutoffM,
      horizonM: this.horizonM,
      totals,
      offNetwork,
      unreachable: { ...unreachable, offNetwork, noPath, beyondLimit },
      thresholds,
      travelTime: {
        horizonMinutes: horizonSeconds / 60,
        horizonM: this.horizonM,
        population: travelTimeOf(this.histogramPopulation, this.binSeconds, totals.population, clampSum(reached[1]), clampSum(reached[3]), horizonSeconds),
        elderly: travelTimeOf(this.histogramElderly, this.binSeconds, totals.elderly, clampSum(reached[2]), clampSum(reached[4]), horizonSeconds),
      },
      facilities,
    };
  }
}

/** Incremental sums can drift by ~1e-12 relative; a sum that should be 0 must not show as -0.0000001. */
function clampSum(value: number): number {
  return Math.abs(value) < 1e-9 ? 0 : value;
}

/** A difference of people counts that should be ≥ 0 but may come out as -1e-10 from rounding. */
function nonNegative(value: number): number {
  return value < 1e-9 ? 0 : value;
}

/**
 * Smallest bin edge s such that the weight with time < s reaches `share` of `total` (the weight is
 * that of the cells covered at this limit, all in bins below it), capped at the limit; minutes.
 */
function percentileSeconds(histogram: Float64Array, binSeconds: number, total: number, share: number, limitSeconds: number): number | null {
  if (!(total > 0)) return null;
  const target = total * share * (1 - 1e-12);
  let cumulative = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    if ((bin + 1) * binSeconds >= limitSeconds) return limitSeconds / 60;
    cumulative += histogram[bin];
    if (cumulative >= target) return ((bin + 1) * binSeconds) / 60;
  }
  return limitSeconds / 60;
}

/**
 * Totals of a set of cells (all, or those matching a predicate).
 * @example peopleFigures(grid, (c) => snaps.edge[c] < 0) // off-network cells
 */
export function peopleFigures(grid: DemandGrid, include?: (cell: number) => boolean): PeopleFigures {
  let cells = 0, population = 0, elderly = 0;
  for (let c = 0; c < grid.count; c++) {
    if (include && !include(c)) continue;
    cells++;
    population += grid.population[c];
    elderly += grid.elderly[c];
  }
  return { cells, population, elderly };
}
