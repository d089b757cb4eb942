/**
 * Use case "live figures" — the planner's figures while proposals are edited: coverage of older people per threshold (one incremental
 * CircleCoverageState per radius), older people left uncovered at the analysis radius, beds per
 * 1,000 older people and the nursing-bed share. Existing facilities are set once; a proposal edit
 * (add, move, remove, change of kind or beds) touches only the cells within its radii, so figures
 * follow a drag on 1,000,000 cells. Pure: the renderer's workspace runs it on the UI thread.
 *
 * Counted like `siting analyze --scenario` (facilities_in_service.ts: facilities with status
 * "existing" and the scenario's proposals, of the analysis kinds), by haversine distance from cell
 * centres, the same cells as circle_coverage.ts covers. The incremental sums follow edits in the
 * order they happen, so they agree with a one-pass coverage (which sums cells in grid order) to
 * rounding, not bit for bit.
 */
import { CircleCoverageState } from '../engine/circle_coverage_state';
import type { CoverageFigure } from '../engine/coverage_figure';
import type { DemandGrid } from '../engine/demand_grid';
import { isOfKinds } from '../engine/facilities_in_service';
import type { FacilityKind, Proposal } from '../schemas/entities';

/** A facility in service as the figures need it (from the facilities layer; see isInService). */
export interface ExistingFacility {
  id: string;
  kind: FacilityKind;
  lon: number;
  lat: number;
  beds: number | null;
  nursingBeds: number | null;
}

/** Older people (60+) within radiusM of a counted facility, of all older people. */
export interface ThresholdFigure extends CoverageFigure {
  radiusM: number;
}

export interface WorkspaceFigures {
  coverage: ThresholdFigure[];
  /** Older people outside every circle of the analysis radius. */
  uncoveredElderly: number;
  analysisRadiusM: number;
  beds: number;
  nursingBeds: number;
  /** Beds per 1,000 older people; null without older people. */
  bedsPer1000: number | null;
  /** Nursing beds / beds; null without beds. */
  nursingShare: number | null;
  proposals: number;
}

interface Placed {
  lon: number;
  lat: number;
  counted: boolean;
}

/** Radii of the figures: the life-circle thresholds plus the analysis radius, ascending. */
export function figureRadii(analysisRadiusM: number, thresholdsM: readonly number[] = [300, 500, 1000]): number[] {
  return [...new Set([...thresholdsM, analysisRadiusM])].sort((a, b) => a - b);
}

export class LiveFigures {
  private readonly states: CircleCoverageState[];
  private readonly kinds: readonly FacilityKind[];
  private readonly placed = new Map<string, Placed>();
  private proposals: readonly Proposal[] = [];
  private readonly existingBeds: number;
  private readonly existingNursingBeds: number;
  private readonly elderlyTotal: number;

  /**
   * @param existing facilities in service (isInService; all kinds: beds count whatever the kind)
   * @param kinds kinds whose facilities and proposals count for coverage
   * @example
   *   const live = new LiveFigures(grid, figureRadii(1000), 1000, ['day_care'], existing);
   *   live.setProposals(plan.proposals);
   *   live.figures().coverage // per radius: older people covered, total, ratio
   */
  constructor(
    readonly grid: DemandGrid,
    readonly radiiM: readonly number[],
    readonly analysisRadiusM: number,
    kinds: readonly FacilityKind[],
    existing: readonly ExistingFacility[],
  ) {
    if (!radiiM.includes(analysisRadiusM)) throw new RangeError(`the analysis radius ${analysisRadiusM} m is not among the radii ${radiiM.join(', ')}`);
    this.kinds = [...kinds];
    this.states = radiiM.map((radiusM) => new CircleCoverageState(grid, radiusM));
    const counted = existing.filter((f) => isOfKinds(f, this.kinds)).map((f) => ({ id: `f:${f.id}`, lon: f.lon, lat: f.lat }));
    for (const state of this.states) state.setFacilities(counted);
    let beds = 0, nursing = 0, elderly = 0;
    for (const f of existing) {
      beds += f.beds ?? 0;
      nursing += f.nursingBeds ?? 0;
    }
    for (let c = 0; c < grid.count; c++) elderly += grid.elderly[c];
    this.existingBeds = beds;
    this.existingNursingBeds = nursing;
    this.elderlyTotal = elderly;
  }

  /**
   * Brings the counted proposals to `proposals` with as few circle updates as possible: new ones are
   * added, gone ones removed, moved ones moved; edits of other fields only change the bed sums.
   */
  setProposals(proposals: readonly Proposal[]): void {
    const seen = new Set<string>();
    for (const p of proposals) {
      const key = `p:${p.id}`;
      seen.add(key);
      const counted = isOfKinds(p, this.kinds);
      const before = this.placed.get(key);
      if (before?.counted && !counted) this.remove(key);
      else if (counted && !before?.counted) this.add(key, p.lon, p.lat);
      else if (counted && before && (before.lon !== p.lon || before.lat !== p.lat)) {
        for (const state of this.states) state.moveFacility(key, p.lon, p.lat);
      }
      this.placed.set(key, { lon: p.lon, lat: p.lat, counted });
    }
    for (const [key, placed] of [...this.placed]) {
      if (seen.has(key)) continue;
      if (placed.counted) this.remove(key);
      this.placed.delete(key);
    }
    this.proposals = proposals;
  }

  private add(key: string, lon: number, lat: number): void {
    for (const state of this.states) state.addFacility({ id: key, lon, lat });
  }

  private remove(key: string): void {
    for (const state of this.states) state.removeFacility(key);
  }

  figures(): WorkspaceFigures {
    let beds = this.existingBeds, nursingBeds = this.existingNursingBeds;
    for (const p of this.proposals) {
      beds += p.beds ?? 0;
      nursingBeds += p.nursingBeds ?? 0;
    }
    const coverage = this.states.map((state) => {
      const { elderly } = state.figures();
      return { radiusM: state.radiusM, covered: elderly.covered, total: elderly.total, ratio: elderly.ratio };
    });
    const atAnalysis = coverage[this.radiiM.indexOf(this.analysisRadiusM)];
    return {
      coverage,
      uncoveredElderly: Math.max(0, atAnalysis.total - atAnalysis.covered),
      analysisRadiusM: this.analysisRadiusM,
      beds,
      nursingBeds,
      bedsPer1000: this.elderlyTotal > 0 ? (beds / this.elderlyTotal) * 1000 : null,
      nursingShare: beds > 0 ? nursingBeds / beds : null,
      proposals: this.proposals.length,
    };
  }

  /** fids of the cells outside every circle of the analysis radius (for the map's gap overlay). */
  uncoveredFids(): number[] {
    const state = this.states[this.radiiM.indexOf(this.analysisRadiusM)];
    const out: number[] = [];
    const fid = this.grid.fid;
    for (let c = 0; c < this.grid.count; c++) if (state.coverCount[c] === 0) out.push(fid ? fid[c] : c);
    return out;
  }

  /** 1 where a cell is covered at the analysis radius. */
  coveredMask(): Uint8Array {
    return this.states[this.radiiM.indexOf(this.analysisRadiusM)].coveredMask();
  }
}
