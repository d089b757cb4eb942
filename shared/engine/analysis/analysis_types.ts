/**
 * Inputs, options and results of one accessibility analysis (accessibility_analysis.ts). Fields added
 * after the first release are optional in the result types so that other producers of results (the
 * renderer's cached network analysis) keep compiling; runAccessibilityAnalysis always sets them.
 */
import type { Boundary } from '../../schemas/entities';
import type { AreaCoverageResult } from '../areas/area_coverage';
import type { StudyAreaSummary } from '../areas/study_area';
import type { CapacityResult } from '../capacity/allocate_capacity';
import type { CellCoverage, CoverageFigure } from '../coverage_figure';
import type { DemandGrid } from '../demand_grid';
import type { RoadInput } from '../network/build_walk_graph';
import type { ThresholdFigures, UnreachableFigures } from '../network/coverage_accumulator';
import type { FacilityInput } from '../network/facility_input';
import type { TravelTimeStatistics } from '../network/travel_time_statistics';
import type { ServiceAreaCollection } from './service_area_features';

export interface AnalysisOptions {
  mode: 'circle' | 'network';
  /** circle mode: one or more radii, metres */
  radiiM?: number[];
  /** network mode: one or more walking times, minutes (default [15]) */
  minutes?: number[];
  /**
   * network mode, instead of minutes: walking distances on the network, level-walking metres (steps
   * count stepsFactor × their length), e.g. the GB 50180 life circles [300, 500, 1000].
   */
  networkM?: number[];
  speedMps?: number;
  /** network mode: cost multiplier of `highway=steps` (≥ 1; default 2, as DEFAULT_WALK_PROFILE). */
  stepsFactor?: number;
  /** network mode: maximum snap distance of cells and facilities, metres (default 300) */
  maxSnapM?: number;
  /** network mode: walking-time statistics are searched up to this multiple of the largest threshold (≥ 1; default 2). */
  statisticsHorizonFactor?: number;
  capacity?: boolean;
  uptakeRate?: number;
  gaps?: boolean;
  byArea?: boolean;
  /** Maximum number of gap areas listed (largest first); default 50 */
  maxGaps?: number;
  /** Service-area polygons: the merged area per threshold and, with perFacility, each facility's. */
  serviceAreas?: { perFacility?: boolean; pixelM?: number };
}

export interface AnalysisInput {
  grid: DemandGrid;
  facilities: FacilityInput[];
  roads?: RoadInput[];
  boundaries?: (Pick<Boundary, 'id' | 'name' | 'level' | 'urban'> & { geometry: { type: 'MultiPolygon'; coordinates: number[][][][] } })[];
  /** Grid cell size in degrees, when known (else inferred from the centres for gap outlines). */
  cellSize?: { cellWidthDeg: number; cellHeightDeg: number } | null;
}

export interface ThresholdResult {
  label: string;
  radiusM: number | null;
  /** Walking-time threshold, minutes; null in circle mode and for network distance thresholds. */
  minutes: number | null;
  /** Network distance threshold, level-walking metres; null (or absent) otherwise. */
  networkM?: number | null;
  /** The limit in cost units: metres (circle), level-walking metres (network). */
  limitM: number;
  population: CoverageFigure;
  elderly: CoverageFigure;
  cells: CellCoverage;
  /** Network: mean walking time of the people covered at this threshold (conditional, ≤ the threshold); null in circle mode. */
  meanMinutes: ThresholdFigures['meanMinutes'] | null;
  /** Network: 90th percentile of the walking time of the people covered at this threshold (conditional, ≤ the threshold). */
  p90Minutes: ThresholdFigures['p90Minutes'] | null;
}

export interface NetworkSummary {
  ways: number;
  nodes: number;
  edges: number;
  lengthKm: number;
  /** Cost multiplier of steps used. */
  stepsFactor?: number;
  /** Ids of the facilities farther than the maximum snap distance from every walkable way: they reach nobody. */
  facilitiesOffNetwork?: string[];
}

export interface GapSummary {
  rank: number;
  cells: number;
  elderly: number;
  population: number;
  areaM2: number;
  centroid: [number, number];
  elderlyCentroid: [number, number];
}

export interface GeoJsonCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: unknown; properties: Record<string, unknown> }[];
}

export interface CapacitySummary {
  threshold: string;
  uptakeRate: number;
  mode: CapacityResult['mode'];
  totals: CapacityResult['totals'];
  facilities: CapacityResult['facilities'];
}

/** The settings an analysis ran with, every default filled in (network-only ones null in circle mode). */
export interface AnalysisParameters {
  mode: 'circle' | 'network';
  speedMps: number | null;
  stepsFactor: number | null;
  maxSnapM: number | null;
  statisticsHorizonFactor: number | null;
  /** With capacity only. */
  uptakeRate: number | null;
}

export interface AnalysisResult {
  mode: 'circle' | 'network';
  /** The settings used (the thresholds are in `thresholds`). */
  parameters: AnalysisParameters;
  facilities: number;
  speedMps: number | null;
  thresholds: ThresholdResult[];
  /**
   * Network mode: the cells and people not covered at the largest threshold, in total and split into
   * offNetwork / noPath / beyondLimit (offNetworkCells = offNetwork.cells, kept for older readers).
   * null in circle mode.
   */
  unreachable: (UnreachableFigures & { offNetworkCells: number }) | null;
  /**
   * Network mode: walking time of everyone to the nearest facility, searched up to the statistics
   * horizon (p90 "more than X min" when fewer than 90 % are reached); null in circle mode.
   */
  travelTime?: TravelTimeStatistics | null;
  network: NetworkSummary | null;
  capacity: CapacitySummary | null;
  gaps: { uncoveredCells: number; uncoveredElderly: number; areas: GapSummary[]; geojson: GeoJsonCollection } | null;
  areas: AreaCoverageResult | null;
  /** With options.serviceAreas: the polygons, else null. */
  serviceAreas?: ServiceAreaCollection | null;
  /** The study area the figures are limited to (cells whose centre lies inside); null or absent: the whole project. */
  studyArea?: StudyAreaSummary | null;
  /** Coverage mask of the largest threshold, aligned with the grid (for maps; not serialised by the CLI). */
  coveredLargest: Uint8Array;
  /** Network mode: walking time per cell in minutes (Infinity beyond the largest threshold). */
  cellMinutes: Float64Array | null;
  timings: Record<string, number>;
}
