/**
 * One accessibility analysis as the CLI and the app ask for it: circle or walking-network coverage per
 * threshold, optionally capacity-aware coverage, gap areas and per-area figures. Pure: the caller loads
 * the layers; this runs unchanged in Node and in a browser worker.
 */
import { InputError } from '../../errors';
import type { Boundary } from '../../schemas/entities';
import { areaCoverage, type AreaCoverageResult, type CoverageLayer } from '../areas/area_coverage';
import { allocateCapacity, DEFAULT_UPTAKE_RATE } from '../capacity/allocate_capacity';
import { circleFacilityReach } from '../capacity/circle_reach';
import { circleCoverage } from '../circle_coverage';
import type { DemandGrid } from '../demand_grid';
import { coveredMask, findGapAreas } from '../gaps/find_gap_areas';
import { gridLayout } from '../gaps/grid_layout';
import type { RoadInput } from '../network/build_walk_graph';
import { networkFacilityReach } from '../network/facility_reach';
import type { FacilityInput } from '../network/facility_input';
import { NetworkServiceModel } from '../network/network_service_model';
import { prepareCells, prepareNetwork } from '../network/prepare_network';
import { subRun, type RunControl } from '../network/run_control';
import { DEFAULT_SPEED_MPS, type WalkThreshold } from '../network/thresholds';

export interface AnalysisOptions {
  mode: 'circle' | 'network';
  /** circle mode: one or more radii, metres */
  radiiM?: number[];
  /** network mode: one or more walking times, minutes */
  minutes?: number[];
  speedMps?: number;
  /** network mode: maximum snap distance of cells and facilities, metres (default 300) */
  maxSnapM?: number;
  capacity?: boolean;
  uptakeRate?: number;
  gaps?: boolean;
  byArea?: boolean;
  /** Maximum number of gap areas listed (largest first); default 50 */
  maxGaps?: number;
}

export interface AnalysisInput {
  grid: DemandGrid;
  facilities: FacilityInput[];
  roads?: RoadInput[];
  boundaries?: (Pick<Boundary, 'id' | 'name' | 'level' | 'urban'> & { geometry: { type: 'MultiPolygon'; coordinates: number[][][][] } })[];
  /** Grid cell size in degrees, when known (else inferred from the centres for gap outlines). */
  cellSize?: { cellWidthDeg: number; cellHeightDeg: number } | null;
}

export interface Figures {
  total: number;
  covered: number;
  ratio: number | null;
}

export interface ThresholdResult {
  label: string;
  radiusM: number | null;
  minutes: number | null;
  limitM: number;
  population: Figures;
  elderly: Figures;
  cells: { total: number; covered: number };
  meanMinutes: { population: number | null; elderly: number | null } | null;
  p90Minutes: { population: number | null; elderly: number | null } | null;
}

export interface AnalysisResult {
  mode: 'circle' | 'network';
  facilities: number;
  speedMps: number | null;
  thresholds: ThresholdResult[];
  unreachable: { cells: number; population: number; elderly: number; offNetworkCells: number } | null;
  network: { ways: number; nodes: number; edges: number; lengthKm: number } | null;
  capacity: ReturnType<typeof summarizeCapacity> | null;
  gaps: { uncoveredCells: number; uncoveredElderly: number; areas: GapSummary[]; geojson: GeoJsonCollection } | null;
  areas: Omit<AreaCoverageResult, 'areas'> & { areas: AreaCoverageResult['areas'] } | null;
  /** Coverage mask of the largest threshold, aligned with the grid (for maps; not serialised by the CLI). */
  coveredLargest: Uint8Array;
  /** Network mode: walking time per cell in minutes (Infinity beyond the largest threshold). */
  cellMinutes: Float64Array | null;
  timings: Record<string, number>;
}

interface GapSummary {
  rank: number;
  cells: number;
  elderly: number;
  population: number;
  areaM2: number;
  centroid: [number, number];
  elderlyCentroid: [number, number];
}

interface GeoJsonCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> }[];
}

/**
 * @example
 *   const result = runAccessibilityAnalysis({ grid, facilities, roads }, { mode: 'network', minutes: [5, 10, 15] });
 *   result.thresholds[2].elderly.ratio // share of older people within a 15-minute walk
 */
export function runAccessibilityAnalysis(input: AnalysisInput, options: AnalysisOptions, control?: RunControl): AnalysisResult {
  const timings: Record<string, number> = {};
  const clock = (name: string, since: number) => (timings[name] = Math.round((now() - since) * 10) / 10);
  const { grid, facilities } = input;
  let thresholds: ThresholdResult[];
  let masks: Uint8Array[];
  let limitsM: number[];
  let unreachable: AnalysisResult['unreachable'] = null;
  let network: AnalysisResult['network'] = null;
  let cellMinutes: Float64Array | null = null;
  let speedMps: number | null = null;
  let started = now();
  let networkModel: NetworkServiceModel | null = null;

  if (options.mode === 'circle') {
    const radii = options.radiiM?.length ? options.radiiM : [1000];
    masks = [];
    thresholds = radii.map((radiusM) => {
      const result = circleCoverage(grid, facilities, radiusM);
      masks.push(result.covered);
      return {
        label: `${radiusM} m`,
        radiusM,
        minutes: null,
        limitM: radiusM,
        population: result.population,
        elderly: result.elderly,
        cells: result.cells,
        meanMinutes: null,
        p90Minutes: null,
      };
    });
    limitsM = radii;
    clock('coverageMs', started);
  } else {
    if (!input.roads || input.roads.length === 0) {
      throw new InputError('network mode needs a roads layer: import OSM ways first (siting import <project> roads <file>)', { field: 'roads' });
    }
    speedMps = options.speedMps ?? DEFAULT_SPEED_MPS;
    const minutes = options.minutes?.length ? options.minutes : [15];
    const walkThresholds: WalkThreshold[] = minutes.map((m) => ({ label: `${m} min`, minutes: m }));
    const prepared = prepareNetwork(input.roads, { ...subRun(control, 0, 0.4) });
    clock('networkBuildMs', started);
    started = now();
    const cells = prepareCells(prepared, grid, { maxSnapM: options.maxSnapM, ...subRun(control, 0.4, 0.6) });
    clock('snapMs', started);
    started = now();
    networkModel = new NetworkServiceModel(cells, { thresholds: walkThresholds, speedMps, facilitySnapM: options.maxSnapM });
    networkModel.setFacilities(facilities, subRun(control, 0.6, 0.8));
    clock('shortestPathsMs', started);
    const figures = networkModel.figures();
    const totals = figures.totals;
    const stats = prepared.graph.stats;
    network = { ways: stats.walkableWays, nodes: stats.nodes, edges: stats.edges, lengthKm: Math.round(stats.totalLengthM / 100) / 10 };
    thresholds = figures.thresholds.map((t, i) => ({
      label: t.label,
      radiusM: null,
      minutes: minutes[i],
      limitM: t.limitM,
      population: { total: totals.population, covered: t.population, ratio: t.populationShare },
      elderly: { total: totals.elderly, covered: t.elderly, ratio: t.elderlyShare },
      cells: { total: totals.cells, covered: t.cells },
      meanMinutes: t.meanMinutes,
      p90Minutes: t.p90Minutes,
    }));
    unreachable = { ...figures.unreachable, offNetworkCells: figures.offNetwork.cells };
    limitsM = figures.thresholds.map((t) => t.limitM);
    masks = limitsM.map((limitM) => coveredMask(networkModel!.cellCostM, limitM));
    cellMinutes = new Float64Array(grid.count);
    for (let c = 0; c < grid.count; c++) cellMinutes[c] = networkModel.cellCostM[c] / speedMps / 60;
  }

  const largest = limitsM.indexOf(Math.max(...limitsM));
  let capacity: AnalysisResult['capacity'] = null;
  if (options.capacity) {
    started = now();
    const limitM = limitsM[largest];
    const reach = networkModel ? networkFacilityReach(networkModel.cells, facilities, limitM) : circleFacilityReach(grid, facilities, limitM);
    const allocation = allocateCapacity(grid, reach, facilities.map((f) => f.capacity ?? null), { uptakeRate: options.uptakeRate ?? DEFAULT_UPTAKE_RATE });
    capacity = summarizeCapacity(allocation, thresholds[largest].label);
    clock('capacityMs', started);
  }

  let gaps: AnalysisResult['gaps'] = null;
  if (options.gaps) {
    started = now();
    const layout = gridLayout(grid, input.cellSize ?? {});
    const found = findGapAreas(grid, layout, masks[largest], subRun(control, 0.8, 0.9));
    const listed = found.areas.slice(0, options.maxGaps ?? 50);
    gaps = {
      uncoveredCells: found.uncoveredCells,
      uncoveredElderly: found.uncoveredElderly,
      areas: listed.map(({ geometry: _geometry, ...rest }) => rest),
      geojson: {
        type: 'FeatureCollection',
        features: listed.map(({ geometry, ...rest }) => ({ type: 'Feature', geometry, properties: { ...rest, threshold: thresholds[largest].label } })),
      },
    };
    clock('gapsMs', started);
  }

  let areas: AnalysisResult['areas'] = null;
  if (options.byArea) {
    if (!input.boundaries || input.boundaries.length === 0) {
      throw new InputError('per-area figures need a boundaries layer: import district/street/community polygons first', { field: 'boundaries' });
    }
    started = now();
    const layers: CoverageLayer[] = thresholds.map((t, i) => ({ label: t.label, covered: masks[i] }));
    areas = areaCoverage(grid, input.boundaries, layers, { facilities, ...subRun(control, 0.9, 1) });
    clock('areasMs', started);
  }

  return {
    mode: options.mode,
    facilities: facilities.length,
    speedMps,
    thresholds,
    unreachable,
    network,
    capacity,
    gaps,
    areas,
    coveredLargest: masks[largest],
    cellMinutes,
    timings,
  };
}

function summarizeCapacity(allocation: ReturnType<typeof allocateCapacity>, threshold: string) {
  return {
    threshold,
    uptakeRate: allocation.uptakeRate,
    mode: allocation.mode,
    totals: allocation.totals,
    facilities: allocation.facilities,
  };
}

/** performance.now() where the host has it (Node, browsers, workers); shared/ declares no host types. */
const clockSource = (globalThis as { performance?: { now(): number } }).performance;
function now(): number {
  return clockSource ? clockSource.now() : Date.now();
}
