/**
 * Running coverage figures over demand cells whose travel cost changes one cell at a time (moving a
 * facility touches a few hundred cells out of a million). Per threshold it keeps exact sums of the
 * covered cells, people and person-seconds; travel-time percentiles come from a histogram with
 * one-second bins, so a 90th percentile is exact to the second (reported as the bin's upper edge).
 */
import type { DemandGrid } from '../demand_grid';
import type { ResolvedThreshold } from './thresholds';

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
  /** Mean travel time of the people covered at this threshold, minutes (null when nobody is). */
  meanMinutes: { population: number | null; elderly: number | null };
  /** 90th percentile of their travel time, minutes, rounded up to the whole second. */
  p90Minutes: { population: number | null; elderly: number | null };
}

export interface NetworkCoverageFigures {
  speedMps: number;
  /** Largest threshold, level-walking metres: costs beyond it are not computed. */
  cutoffM: number;
  totals: PeopleFigures;
  /** Cells with no walkable edge within the snap distance (included in `unreachable`). */
  offNetwork: PeopleFigures;
  /** Cells not reached within the largest threshold, including off-network cells. */
  unreachable: PeopleFigures;
  thresholds: ThresholdFigures[];
  facilities: number;
}

/**
 * @example
 *   const acc = new CoverageAccumulator(grid, resolveThresholds(lifeCircleThresholds(), 1), 1);
 *   acc.apply(cell, oldCostM, -1); acc.apply(cell, newCostM, 1);
 *   acc.snapshot(totals, offNetwork, facilityCount).thresholds[2].elderlyShare
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
  readonly cutoffM: number;

  constructor(
    private readonly grid: DemandGrid,
    private readonly thresholds: readonly ResolvedThreshold[],
    readonly speedMps: number,
  ) {
    const n = thresholds.length;
    this.limits = Float64Array.from(thresholds, (t) => t.limitM);
    this.cutoffM = Math.max(...this.limits);
    this.cells = new Float64Array(n);
    this.population = new Float64Array(n);
    this.elderly = new Float64Array(n);
    this.secondsPopulation = new Float64Array(n);
    this.secondsElderly = new Float64Array(n);
    const bins = Math.ceil(this.cutoffM / speedMps) + 2;
    this.histogramPopulation = new Float64Array(bins);
    this.histogramElderly = new Float64Array(bins);
  }

  clear(): void {
    for (const a of [this.cells, this.population, this.elderly, this.secondsPopulation, this.secondsElderly]) a.fill(0);
    this.histogramPopulation.fill(0);
    this.histogramElderly.fill(0);
  }

  /** Adds (sign 1) or removes (sign -1) a cell reached at `costM`; costs beyond the cutoff are ignored. */
  apply(cell: number, costM: number, sign: 1 | -1): void {
    if (!(costM <= this.cutoffM)) return;
    const seconds = costM / this.speedMps;
    const pop = this.grid.population[cell] * sign;
    const eld = this.grid.elderly[cell] * sign;
    const bin = Math.floor(seconds);
    this.histogramPopulation[bin] += pop;
    this.histogramElderly[bin] += eld;
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

  /** The figures now; `offNetwork` is passed in because it does not change with the facilities. */
  snapshot(totals: PeopleFigures, offNetwork: PeopleFigures, facilities: number): NetworkCoverageFigures {
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
          population: percentileSeconds(this.histogramPopulation, population, 0.9, limitSeconds),
          elderly: percentileSeconds(this.histogramElderly, elderly, 0.9, limitSeconds),
        },
      };
    });
    const widest = this.limits.indexOf(this.cutoffM);
    return {
      speedMps: this.speedMps,
      cutoffM: this.cutoffM,
      totals,
      offNetwork,
      unreachable: {
        cells: totals.cells - this.cells[widest],
        population: Math.max(0, totals.population - clampSum(this.population[widest])),
        elderly: Math.max(0, totals.elderly - clampSum(this.elderly[widest])),
      },
      thresholds,
      facilities,
    };
  }
}

/** Incremental sums can drift by ~1e-12 relative; a sum that should be 0 must not show as -0.0000001. */
function clampSum(value: number): number {
  return Math.abs(value) < 1e-9 ? 0 : value;
}

/** Smallest whole second s such that the weight with time < s reaches `share` of `total`, capped at the limit; minutes. */
function percentileSeconds(histogram: Float64Array, total: number, share: number, limitSeconds: number): number | null {
  if (!(total > 0)) return null;
  const target = total * share * (1 - 1e-12);
  let cumulative = 0;
  for (let bin = 0; bin < histogram.length; bin++) {
    if (bin + 1 >= limitSeconds) return limitSeconds / 60;
    cumulative += histogram[bin];
    if (cumulative >= target) return (bin + 1) / 60;
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
