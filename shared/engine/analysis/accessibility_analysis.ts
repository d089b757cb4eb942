/**
 * One accessibility analysis as the CLI and the app ask for it: circle or walking-network coverage per
 * threshold, optionally capacity-aware coverage, gap areas, per-area figures and service-area
 * polygons. Pure: the caller loads the layers; this runs unchanged in Node and in a browser worker.
 */
import { InputError } from '../../errors';
import { areaCoverage, type CoverageLayer } from '../areas/area_coverage';
import { allocateCapacity } from '../capacity/allocate_capacity';
import { DEFAULTS } from '../../settings/siting_settings';
import { circleFacilityReach } from '../capacity/circle_reach';
import { circleCoverage } from '../circle_coverage';
import { findGapAreas } from '../gaps/find_gap_areas';
import { gridLayout } from '../gaps/grid_layout';
import { networkFacilityReach } from '../network/facility_reach';
import { subRun, type RunControl } from '../../run_control';
import type { AnalysisInput, AnalysisOptions, AnalysisResult, CapacitySummary, ThresholdResult } from './analysis_types';
import type { PreparedCells } from '../network/prepare_network';
import { analyseNetwork, analysePreparedNetwork, type NetworkPart } from './network_analysis';
import { elapsed, now } from '../../run_control';
import { circleServiceAreaFeatures, networkServiceAreaFeatures, type ThresholdKind } from './service_area_features';

export type {
  AnalysisInput,
  AnalysisOptions,
  AnalysisResult,
  CapacitySummary,
  GapSummary,
  NetworkSummary,
  ThresholdResult,
} from './analysis_types';

/**
 * @example
 *   const result = runAccessibilityAnalysis({ grid, facilities, roads }, { mode: 'network', minutes: [5, 10, 15] });
 *   result.thresholds[2].elderly.ratio      // share of older people within a 15-minute walk
 *   result.travelTime?.elderly.p90Minutes   // 90 % of older people walk at most this long (null: more than the horizon)
 */
export function runAccessibilityAnalysis(input: AnalysisInput, options: AnalysisOptions, control?: RunControl): AnalysisResult {
  return analyseAccessibility(input, options, control).result;
}

/**
 * runAccessibilityAnalysis with its network part (model, thresholds) for callers that keep working
 * with the model (the renderer's worker). `prepared`, in network mode: the grid's cells already
 * snapped to a graph costed with options.stepsFactor (a worker's cache; see withCellsStepsFactor),
 * instead of building them from input.roads. Its progress is [0, 0.6] of `control`.
 * @example const { result, network } = analyseAccessibility(input, options, control, (c) => cache.cells(c));
 */
export function analyseAccessibility(
  input: AnalysisInput,
  options: AnalysisOptions,
  control?: RunControl,
  prepared?: (control: RunControl | undefined) => PreparedCells,
): { result: AnalysisResult; network: NetworkPart | null } {
  const timings: Record<string, number> = {};
  const { grid, facilities } = input;
  let thresholds: ThresholdResult[];
  let masks: Uint8Array[];
  let limitsM: number[];
  let kinds: ThresholdKind[];
  let network: NetworkPart | null = null;
  let started = now();

  if (options.mode === 'circle') {
    const radii = options.radiiM?.length ? options.radiiM : [DEFAULTS.radiusM];
    masks = [];
    thresholds = radii.map((radiusM) => {
      const result = circleCoverage(grid, facilities, radiusM);
      masks.push(result.covered);
      return {
        label: `${radiusM} m`,
        radiusM,
        minutes: null,
        networkM: null,
        limitM: radiusM,
        population: result.population,
        elderly: result.elderly,
        cells: result.cells,
        meanMinutes: null,
        p90Minutes: null,
      };
    });
    limitsM = radii;
    kinds = radii.map((radiusM) => ({ label: `${radiusM} m`, limitM: radiusM, minutes: null, radiusM, networkM: null }));
    timings.coverageMs = elapsed(started);
  } else {
    if (prepared) {
      started = now();
      const cells = prepared(subRun(control, 0, 0.6));
      timings.prepareMs = elapsed(started);
      network = analysePreparedNetwork(grid, cells, facilities, options, timings, control);
    } else {
      network = analyseNetwork(grid, facilities, input.roads, options, timings, control);
    }
    ({ thresholds, masks, limitsM, kinds } = network);
  }

  const largest = limitsM.indexOf(Math.max(...limitsM));
  let capacity: CapacitySummary | null = null;
  if (options.capacity) {
    started = now();
    const limitM = limitsM[largest];
    const reach = network ? networkFacilityReach(network.model.cells, facilities, limitM) : circleFacilityReach(grid, facilities, limitM);
    const allocation = allocateCapacity(grid, reach, facilities.map((f) => f.capacity ?? null), { uptakeRate: options.uptakeRate ?? DEFAULTS.uptakeRate });
    capacity = { threshold: thresholds[largest].label, uptakeRate: allocation.uptakeRate, mode: allocation.mode, totals: allocation.totals, facilities: allocation.facilities };
    timings.capacityMs = elapsed(started);
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
    timings.gapsMs = elapsed(started);
  }

  let areas: AnalysisResult['areas'] = null;
  if (options.byArea) {
    if (!input.boundaries || input.boundaries.length === 0) {
      throw new InputError('per-area figures need a boundaries layer: import district/street/community polygons first', { field: 'boundaries' }, { reason: 'boundaries_missing' });
    }
    started = now();
    const layers: CoverageLayer[] = thresholds.map((t, i) => ({ label: t.label, covered: masks[i] }));
    areas = areaCoverage(grid, input.boundaries, layers, { facilities, ...subRun(control, 0.9, 1) });
    timings.areasMs = elapsed(started);
  }

  let serviceAreas: AnalysisResult['serviceAreas'] = null;
  if (options.serviceAreas) {
    started = now();
    const { perFacility, pixelM } = options.serviceAreas;
    serviceAreas = network
      ? networkServiceAreaFeatures(network.model, facilities, network.walkThresholds, kinds, { perFacility, pixelM, facilitySnapM: options.maxSnapM, signal: control?.signal })
      : circleServiceAreaFeatures(facilities, kinds, { perFacility, pixelM, signal: control?.signal });
    timings.serviceAreasMs = elapsed(started);
  }

  const networkMode = options.mode === 'network';
  const result: AnalysisResult = {
    mode: options.mode,
    parameters: {
      mode: options.mode,
      speedMps: networkMode ? (options.speedMps ?? DEFAULTS.speedMps) : null,
      stepsFactor: networkMode ? (options.stepsFactor ?? DEFAULTS.stepsFactor) : null,
      maxSnapM: networkMode ? (options.maxSnapM ?? DEFAULTS.maxSnapM) : null,
      statisticsHorizonFactor: networkMode ? (options.statisticsHorizonFactor ?? DEFAULTS.statisticsHorizonFactor) : null,
      uptakeRate: options.capacity ? (options.uptakeRate ?? DEFAULTS.uptakeRate) : null,
    },
    facilities: facilities.length,
    speedMps: network ? network.speedMps : null,
    thresholds,
    unreachable: network ? network.unreachable : null,
    travelTime: network ? network.travelTime : null,
    network: network ? network.network : null,
    capacity,
    gaps,
    areas,
    serviceAreas,
    coveredLargest: masks[largest],
    cellMinutes: network ? network.cellMinutes : null,
    timings,
  };
  return { result, network };
}
