/**
 * Coverage per area of a boundaries layer (district, street, community, village …) and a summary by
 * level and urban/rural flag, so that targets such as "100 % of urban communities and 70 % of rural
 * ones" can be checked. A cell belongs to every area whose polygon holds its centre.
 */
import type { Boundary } from '../../schemas/entities';
import type { DemandGrid } from '../demand_grid';
import type { FacilityInput } from '../network/facility_input';
import { checkRun, type RunControl } from '../../run_control';
import { PolygonIndex } from './polygon_index';

/** The fields of a Boundary record (shared/schemas/entities.ts) the computation reads. */
export interface AreaInput {
  id: string;
  name: string;
  level: Boundary['level'];
  /** true urban, false rural, null unknown */
  urban: boolean | null;
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface CoverageLayer {
  label: string;
  /** 1 where the cell is covered (network threshold, circle radius …), aligned with the grid. */
  covered: Uint8Array;
}

export interface AreaThresholdFigures {
  label: string;
  cells: number;
  population: number;
  elderly: number;
  /** covered / total in the area; null when the area has none */
  elderlyShare: number | null;
  populationShare: number | null;
  /** elderlyShare ≥ servedMinShare; null when the area has no older residents */
  served: boolean | null;
}

export interface AreaFigures {
  id: string;
  name: string;
  level: Boundary['level'];
  urban: boolean | null;
  cells: number;
  population: number;
  elderly: number;
  /** Facilities located inside the area. */
  facilitiesInside: number;
  thresholds: AreaThresholdFigures[];
}

export interface AreaGroupSummary {
  level: Boundary['level'];
  urban: boolean | null;
  areas: number;
  areasWithFacility: number;
  /** Areas with older residents (the denominator of areasServedShare). */
  areasWithElderly: number;
  thresholds: {
    label: string;
    areasServed: number;
    /** areasServed / areasWithElderly; null when no area has older residents */
    areasServedShare: number | null;
    elderly: number;
    elderlyCovered: number;
    elderlyShare: number | null;
  }[];
}

export interface AreaCoverageResult {
  servedMinShare: number;
  areas: AreaFigures[];
  summary: AreaGroupSummary[];
  /** Cells inside no area. */
  cellsOutside: number;
}

export interface AreaCoverageOptions extends RunControl {
  /** Share of an area's older residents that must be covered for the area to count as served. Default 0.5. */
  servedMinShare?: number;
  facilities?: readonly Pick<FacilityInput, 'lon' | 'lat'>[];
}

/**
 * @example
 *   const result = areaCoverage(grid, boundaries, [{ label: '15 min', covered: coveredMask(model.cellCostM, 900) }]);
 *   result.summary.find((g) => g.level === 'community' && g.urban)?.thresholds[0].areasServedShare
 */
export function areaCoverage(
  grid: DemandGrid,
  areas: readonly AreaInput[],
  coverage: readonly CoverageLayer[],
  options: AreaCoverageOptions = {},
): AreaCoverageResult {
  const servedMinShare = options.servedMinShare ?? 0.5;
  if (!(servedMinShare >= 0 && servedMinShare <= 1)) throw new RangeError(`servedMinShare must be in [0, 1], got ${servedMinShare}`);
  for (const layer of coverage) {
    if (layer.covered.length !== grid.count) {
      throw new RangeError(`coverage "${layer.label}" has ${layer.covered.length} cells, the grid ${grid.count}`);
    }
  }
  const index = new PolygonIndex(areas.map((a) => a.geometry.coordinates));
  const n = areas.length;
  const t = coverage.length;
  const cells = new Float64Array(n), population = new Float64Array(n), elderly = new Float64Array(n);
  const coveredCells = new Float64Array(n * t), coveredPopulation = new Float64Array(n * t), coveredElderly = new Float64Array(n * t);
  const found: number[] = [];
  let cellsOutside = 0;
  for (let c = 0; c < grid.count; c++) {
    if ((c & 16383) === 0) checkRun(options, 0.95 * (c / Math.max(1, grid.count)), 'computing coverage per area');
    index.containing(grid.lon[c], grid.lat[c], found);
    if (found.length === 0) cellsOutside++;
    for (const a of found) {
      cells[a]++;
      population[a] += grid.population[c];
      elderly[a] += grid.elderly[c];
      for (let k = 0; k < t; k++) {
        if (coverage[k].covered[c] !== 1) continue;
        coveredCells[a * t + k]++;
        coveredPopulation[a * t + k] += grid.population[c];
        coveredElderly[a * t + k] += grid.elderly[c];
      }
    }
  }
  const facilitiesInside = new Int32Array(n);
  for (const f of options.facilities ?? []) for (const a of index.containing(f.lon, f.lat, found)) facilitiesInside[a]++;

  const figures: AreaFigures[] = areas.map((area, a) => ({
    id: area.id,
    name: area.name,
    level: area.level,
    urban: area.urban,
    cells: cells[a],
    population: population[a],
    elderly: elderly[a],
    facilitiesInside: facilitiesInside[a],
    thresholds: coverage.map((layer, k) => {
      const elderlyShare = elderly[a] > 0 ? coveredElderly[a * t + k] / elderly[a] : null;
      return {
        label: layer.label,
        cells: coveredCells[a * t + k],
        population: coveredPopulation[a * t + k],
        elderly: coveredElderly[a * t + k],
        elderlyShare,
        populationShare: population[a] > 0 ? coveredPopulation[a * t + k] / population[a] : null,
        served: elderlyShare === null ? null : elderlyShare >= servedMinShare,
      };
    }),
  }));
  checkRun(options, 1, 'computing coverage per area');
  return { servedMinShare, areas: figures, summary: summarize(figures, coverage), cellsOutside };
}

/**
 * The summary by level × urban/rural of area figures as they are after an edit (the app sets an
 * area's urban/rural flag without running the analysis again); `labels` are the thresholds' labels.
 * @example summarizeAreaFigures(result.areas.map((a) => (a.id === 'C7' ? { ...a, urban: false } : a)), ['15 min'])
 */
export function summarizeAreaFigures(figures: readonly AreaFigures[], labels: readonly string[]): AreaGroupSummary[] {
  return summarize([...figures], labels.map((label) => ({ label, covered: new Uint8Array(0) })));
}

function summarize(figures: AreaFigures[], coverage: readonly CoverageLayer[]): AreaGroupSummary[] {
  const groups = new Map<string, AreaFigures[]>();
  for (const f of figures) {
    const key = `${f.level}|${String(f.urban)}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return [...groups.values()].map((members) => {
    const withElderly = members.filter((m) => m.elderly > 0);
    return {
      level: members[0].level,
      urban: members[0].urban,
      areas: members.length,
      areasWithFacility: members.filter((m) => m.facilitiesInside > 0).length,
      areasWithElderly: withElderly.length,
      thresholds: coverage.map((layer, k) => {
        const areasServed = members.filter((m) => m.thresholds[k].served === true).length;
        const elderly = members.reduce((sum, m) => sum + m.elderly, 0);
        const elderlyCovered = members.reduce((sum, m) => sum + m.thresholds[k].elderly, 0);
        return {
          label: layer.label,
          areasServed,
          areasServedShare: withElderly.length > 0 ? areasServed / withElderly.length : null,
          elderly,
          elderlyCovered,
          elderlyShare: elderly > 0 ? elderlyCovered / elderly : null,
        };
      }),
    };
  });
}
