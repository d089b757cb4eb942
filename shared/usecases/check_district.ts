/**
 * Use case "district compliance" (`siting check`): the district rules of a preset (shared/rules) checked
 * over a project — beds per 1,000 older people, nursing-bed share, the share of communities / villages
 * with a care facility (urban and rural apart, by the boundaries' `urban` flag), one institution per
 * street / town (or county), and the service circle through the accessibility use case. Each rule is
 * checked for the whole project (scope `district`) and, on request, per boundary area of one level
 * (scope = the area's name). A rule whose input the project lacks is `not_checkable` with the reason
 * naming what is missing; a rule without a number to compare with (the service circle states minutes,
 * no share) is `advisory`: measured, no verdict.
 *
 * Counting rules (stated here once, echoed in each check's `note` where they matter):
 * - facilities count when they exist (status `existing`, shared/engine/facilities_in_service.ts);
 * - beds: Σ beds of the existing facilities that record beds (any kind); older people: Σ of the grid's
 *   `elderly` over the cells (per area: the cells whose centre lies in the area);
 * - nursing share: Σ nursing beds ÷ Σ beds over the existing facilities that record both;
 * - a unit (community, village, street …) "has" a facility when an existing facility of one of the
 *   preset's care kinds (shared/rules/rule.ts presetKinds: day_care, community_station, care_home unless
 *   the preset says otherwise) lies in its polygon; a unit belongs to an area when the mean of its outer
 *   ring's vertices lies in the area's polygon;
 * - an institution is an existing facility of the preset's institution kinds (`care_home` by default),
 *   with ≥ minBeds beds when the rule states a minimum.
 */
import { PolygonIndex } from '../engine/areas/polygon_index';
import type { AreaInput } from '../engine/areas/area_coverage';
import type { DemandGrid } from '../engine/demand_grid';
import { isInService } from '../engine/facilities_in_service';
import { presetKinds, type Preset, type PresetKinds, type Rule } from '../rules/rule';
import type { Boundary, FacilityKind } from '../schemas/entities';
import { DEFAULTS } from '../settings/siting_settings';
import { analyseProjectAccessibility } from './accessibility_analysis';
import type { ProjectSnapshot } from './project_snapshot';

/** A facility of the facilities layer as the district check reads it (every status; beds as recorded). */
export interface DistrictFacility {
  id: string;
  name: string;
  kind: FacilityKind;
  /** As stored; only `existing` counts. */
  status: string | null;
  lon: number;
  lat: number;
  /** null when the layer records none. */
  beds: number | null;
  nursingBeds: number | null;
}

export type DistrictVerdict = 'pass' | 'fail' | 'not_checkable' | 'advisory';

/** What a not-checkable district check lacks (`units`: the kind of boundary units, e.g. urban_community). */
export const MISSING_INPUTS = [
  'boundaries_of_level',
  'planned_land',
  'estate_reviews',
  'pairing_contracts',
  'older_population',
  'beds_recorded',
  'nursing_beds_recorded',
  'older_people_in_area',
  'beds_in_area',
  'units',
] as const;
export interface MissingInput {
  input: (typeof MISSING_INPUTS)[number];
  params: Record<string, string>;
}

export interface DistrictCheck {
  /** The preset's rule id. */
  rule: string;
  /** What the rule measures (the rule's `check`). */
  check: Rule['check'];
  /** `district` for the whole project, else the area's name. */
  scope: string;
  /** For a rule with several targets (coverage: urban_community, village …): which one. */
  group?: string;
  value: number | null;
  target: number | null;
  /** The largest allowed value, for a range (land per resident). */
  targetMax?: number | null;
  /** How far below the target the value is (0 when it meets it); null without both. */
  gap: number | null;
  unit: string;
  verdict: DistrictVerdict;
  /** not_checkable: the missing input, in words (the command line prints them). */
  reason?: string;
  /** not_checkable: the missing input as a code with its params, for the app to say in its language. */
  missing?: MissingInput;
  /** The units (areas, communities, streets …) that fail, by name. */
  failing: string[];
  /** Their ids in the boundaries layer, aligned with `failing` (names repeat: two streets may each have a 新村社区). */
  failingIds: string[];
  /** How the value was counted, when that needs saying. */
  note?: string;
}

export interface DistrictCheckResult {
  preset: { id: string; version: number };
  /** The boundary level of the per-area checks, if asked for. */
  byArea: Boundary['level'] | null;
  checks: DistrictCheck[];
}

export interface DistrictCheckOptions {
  /** Check each area of this boundary level too. */
  byArea?: Boundary['level'];
}

interface Scope {
  name: string;
  /** null: the whole project. */
  area: AreaInput | null;
  cells: number[] | null;
  facilities: readonly DistrictFacility[];
  /** Whether a unit (community, street …) belongs to the scope: its representative point lies in the area. */
  contains: (unit: AreaInput) => boolean;
}

/**
 * @example checkDistrict(snapshot, store.layerFacilities(), presetById('doumen')).checks.find((c) => c.rule === 'beds_per_1000_older')?.value
 */
export function checkDistrict(
  snapshot: ProjectSnapshot,
  facilities: readonly DistrictFacility[],
  preset: Preset,
  options: DistrictCheckOptions = {},
): DistrictCheckResult {
  const existing = facilities.filter((f) => isInService(f));
  const boundaries = snapshot.boundaries;
  const scopes: Scope[] = [{ name: 'district', area: null, cells: null, facilities: existing, contains: () => true }];
  const areas = options.byArea ? boundaries.filter((b) => b.level === options.byArea) : [];
  if (areas.length > 0) scopes.push(...areaScopes(snapshot.grid, areas, existing));
  const checks: DistrictCheck[] = [];
  const circles = new Map<string, CircleFigures>();
  const kinds = presetKinds(preset);
  for (const rule of preset.rules) {
    if (rule.kind !== 'district' && rule.check !== 'health_station_pairing') continue;
    const perScope: DistrictCheck[][] = scopes.map((scope) => checkRule(rule, scope, snapshot, existing, circles, kinds));
    if (options.byArea && areas.length === 0) {
      perScope.push([notCheckable(rule, `level:${options.byArea}`, unitOf(rule), `no boundaries of level ${options.byArea}`, lacking('boundaries_of_level', { level: options.byArea }))]);
    }
    // The district-wide check lists the areas that fail it (per group).
    const [district, ...byArea] = perScope;
    // Per-area checks come in the order of their scopes (scopes[1 …] are the areas).
    for (const check of district) {
      const failingAreas = byArea.flatMap((checksOfArea, a) => (checksOfArea.some((c) => c.verdict === 'fail' && c.group === check.group) ? [scopes[a + 1].area] : []));
      if (failingAreas.length > 0 && check.failing.length === 0) {
        check.failing = failingAreas.map((area) => area?.name ?? '');
        check.failingIds = failingAreas.map((area) => area?.id ?? '');
      }
    }
    checks.push(...perScope.flat());
  }
  return { preset: { id: preset.id, version: preset.version }, byArea: options.byArea ?? null, checks };
}

function areaScopes(grid: DemandGrid, areas: readonly AreaInput[], facilities: readonly DistrictFacility[]): Scope[] {
  const index = new PolygonIndex(areas.map((a) => a.geometry.coordinates));
  const cells: number[][] = areas.map(() => []);
  const inside: DistrictFacility[][] = areas.map(() => []);
  const found: number[] = [];
  for (let c = 0; c < grid.count; c++) for (const a of index.containing(grid.lon[c], grid.lat[c], found)) cells[a].push(c);
  for (const f of facilities) for (const a of index.containing(f.lon, f.lat, found)) inside[a].push(f);
  return areas.map((area, a) => ({
    name: area.name,
    area,
    cells: cells[a],
    facilities: inside[a],
    contains: (unit: AreaInput) => {
      const [x, y] = representativePoint(unit);
      return index.contains(a, x, y);
    },
  }));
}

/** The mean of the first outer ring's vertices (closing vertex left out). */
function representativePoint(unit: AreaInput): [number, number] {
  const ring = unit.geometry.coordinates[0]?.[0] ?? [];
  const n = Math.max(1, ring.length - 1);
  let x = 0, y = 0;
  for (let k = 0; k < n && k < ring.length; k++) {
    x += ring[k][0];
    y += ring[k][1];
  }
  return [x / n, y / n];
}

function checkRule(rule: Rule, scope: Scope, snapshot: ProjectSnapshot, existing: readonly DistrictFacility[], circles: Map<string, CircleFigures>, kinds: PresetKinds): DistrictCheck[] {
  switch (rule.check) {
    case 'beds_per_1000_older':
      return [bedsPer1000(rule, scope, snapshot.grid, existing)];
    case 'nursing_bed_share':
      return [nursingShare(rule, scope, existing)];
    case 'community_facility_coverage':
      return rule.targets.map((target) => unitCoverage(rule, scope, snapshot.boundaries, existing, target.unit, target.minShare, kinds.care));
    case 'institution_per_unit':
      return [institutionPerUnit(rule, scope, snapshot.boundaries, existing, kinds.institution)];
    case 'service_circle':
      return [serviceCircle(rule, scope, snapshot, circles, kinds.care)];
    case 'land_per_resident':
      return [notCheckable(rule, scope.name, unitOf(rule), 'no planned land for elderly care in the project (a plan layer with land areas)', lacking('planned_land'))];
    case 'new_estates_compliant_share':
      return [notCheckable(rule, scope.name, unitOf(rule), 'the estate reviews (siting review)', lacking('estate_reviews'))];
    case 'health_station_pairing':
      return [notCheckable(rule, scope.name, unitOf(rule), 'the pairing contracts between institutions and health centres (the project stores none)', lacking('pairing_contracts'))];
    default:
      return [];
  }
}

function unitOf(rule: Rule): string {
  switch (rule.check) {
    case 'beds_per_1000_older':
      return 'beds per 1,000 older people';
    case 'land_per_resident':
      return 'm² per resident';
    case 'service_circle':
      return 'share of older people';
    default:
      return 'share';
  }
}

function sumElderly(grid: DemandGrid, cells: number[] | null): number {
  let total = 0;
  if (cells === null) for (let c = 0; c < grid.count; c++) total += grid.elderly[c];
  else for (const c of cells) total += grid.elderly[c];
  return total;
}

function bedsPer1000(rule: Extract<Rule, { check: 'beds_per_1000_older' }>, scope: Scope, grid: DemandGrid, existing: readonly DistrictFacility[]): DistrictCheck {
  const unit = unitOf(rule);
  const withBeds = scope.facilities.filter((f) => f.beds !== null);
  const notes: string[] = [];
  if (rule.registeredOnly) notes.push('the rule counts registered (户籍) older people; the grid counts residents');
  const missing = scope.facilities.length - withBeds.length;
  if (missing > 0) notes.push(`${missing} existing facilities record no beds and are not counted`);
  const note = notes.length > 0 ? notes.join('; ') : undefined;
  if (!grid.hasElderly) return notCheckable(rule, scope.name, unit, 'no older population in the population grid', lacking('older_population'), note);
  if (!existing.some((f) => f.beds !== null)) return notCheckable(rule, scope.name, unit, 'no beds recorded for the existing facilities', lacking('beds_recorded'), note);
  const elderly = sumElderly(grid, scope.cells);
  if (!(elderly > 0)) return notCheckable(rule, scope.name, unit, 'no older people in the area', lacking('older_people_in_area'), note);
  const beds = withBeds.reduce((sum, f) => sum + (f.beds ?? 0), 0);
  return measured(rule, scope.name, unit, (beds / elderly) * 1000, rule.minBedsPer1000, [], note);
}

function nursingShare(rule: Extract<Rule, { check: 'nursing_bed_share' }>, scope: Scope, existing: readonly DistrictFacility[]): DistrictCheck {
  const unit = unitOf(rule);
  const both = scope.facilities.filter((f) => f.beds !== null && f.nursingBeds !== null);
  const beds = both.reduce((sum, f) => sum + (f.beds ?? 0), 0);
  const nursing = both.reduce((sum, f) => sum + (f.nursingBeds ?? 0), 0);
  const missing = scope.facilities.filter((f) => f.beds !== null && f.beds > 0).length - both.filter((f) => (f.beds ?? 0) > 0).length;
  const note = missing > 0 ? `${missing} existing facilities with beds record no nursing beds and are not counted` : undefined;
  if (!existing.some((f) => f.beds !== null && f.beds > 0 && f.nursingBeds !== null)) {
    return notCheckable(rule, scope.name, unit, 'no nursing beds recorded for the existing facilities with beds', lacking('nursing_beds_recorded'), note);
  }
  if (!(beds > 0)) return notCheckable(rule, scope.name, unit, 'no beds in the area', lacking('beds_in_area'), note);
  return measured(rule, scope.name, unit, nursing / beds, rule.minShare, [], note);
}

/** The boundaries a coverage or institution target counts. */
function unitsOf(boundaries: readonly AreaInput[], unit: string): { units: AreaInput[]; describe: string } {
  const of = (levels: Boundary['level'][], urban?: boolean) =>
    boundaries.filter((b) => levels.includes(b.level) && (urban === undefined || b.urban === urban));
  switch (unit) {
    case 'urban_community':
      return { units: of(['community', 'village'], true), describe: 'boundaries of level community or village marked urban' };
    case 'rural_community':
      return { units: of(['community', 'village'], false), describe: 'boundaries of level community or village marked rural' };
    case 'community':
      return { units: of(['community']), describe: 'boundaries of level community' };
    case 'village':
      return { units: of(['village']), describe: 'boundaries of level village' };
    case 'town':
      return { units: of(['town']), describe: 'boundaries of level town' };
    case 'street':
      return { units: of(['street']), describe: 'boundaries of level street' };
    case 'town_street':
      return { units: of(['town', 'street']), describe: 'boundaries of level street or town' };
    case 'county':
    case 'district':
      return { units: of(['district']), describe: 'boundaries of level district' };
    default:
      return { units: of([unit as Boundary['level']]), describe: `boundaries of level ${unit}` };
  }
}

function unitCoverage(rule: Rule, scope: Scope, boundaries: readonly AreaInput[], existing: readonly DistrictFacility[], unitKind: string, minShare: number, careKinds: readonly FacilityKind[]): DistrictCheck {
  const { units: all, describe } = unitsOf(boundaries, unitKind);
  const units = all.filter((u) => scope.contains(u));
  if (units.length === 0) return { ...notCheckable(rule, scope.name, 'share of units', `no ${describe}${scope.area ? ' in the area' : ''}`, lacking('units', { units: unitKind, inArea: scope.area ? 'yes' : 'no' })), group: unitKind };
  const index = new PolygonIndex(units.map((u) => u.geometry.coordinates));
  const has = new Uint8Array(units.length);
  const found: number[] = [];
  for (const f of existing) {
    if (!careKinds.includes(f.kind)) continue;
    for (const u of index.containing(f.lon, f.lat, found)) has[u] = 1;
  }
  const failing = units.filter((_, u) => has[u] === 0);
  const check = measured(rule, scope.name, 'share of units', (units.length - failing.length) / units.length, minShare, failing, `${units.length} ${describe}`);
  return { ...check, group: unitKind };
}

function institutionPerUnit(rule: Extract<Rule, { check: 'institution_per_unit' }>, scope: Scope, boundaries: readonly AreaInput[], existing: readonly DistrictFacility[], institutionKinds: readonly FacilityKind[]): DistrictCheck {
  const level = rule.condition.level ?? 'town_street';
  const { units: all, describe } = unitsOf(boundaries, level);
  const units = all.filter((u) => scope.contains(u));
  const minBeds = rule.minBeds;
  const note = `institutions: existing ${institutionKinds.join('/')}${minBeds !== null ? ` with at least ${minBeds} beds` : ''}; ${units.length} ${describe}`;
  if (units.length === 0) return notCheckable(rule, scope.name, 'share of units', `no ${describe}${scope.area ? ' in the area' : ''}`, lacking('units', { units: level, inArea: scope.area ? 'yes' : 'no' }));
  const index = new PolygonIndex(units.map((u) => u.geometry.coordinates));
  const counts = new Int32Array(units.length);
  const found: number[] = [];
  // Units are chosen by the scope; their facilities are all those in their polygons (a unit may straddle the area's edge).
  for (const f of existing) {
    if (!institutionKinds.includes(f.kind)) continue;
    if (minBeds !== null && !(f.beds !== null && f.beds >= minBeds)) continue;
    for (const u of index.containing(f.lon, f.lat, found)) counts[u]++;
  }
  const failing = units.filter((_, u) => counts[u] < rule.minCount);
  return measured(rule, scope.name, 'share of units', (units.length - failing.length) / units.length, 1, failing, note);
}

interface CircleFigures {
  elderlyShare: number | null;
  byArea: Map<string, number | null>;
  how: string;
}

function serviceCircle(rule: Extract<Rule, { check: 'service_circle' }>, scope: Scope, snapshot: ProjectSnapshot, circles: Map<string, CircleFigures>, careKinds: readonly FacilityKind[]): DistrictCheck {
  const unit = unitOf(rule);
  if (!snapshot.grid.hasElderly) return notCheckable(rule, scope.name, unit, 'no older population in the population grid', lacking('older_population'));
  const key = `${rule.minutes}:${rule.walkMaxM}`;
  let figures = circles.get(key);
  if (!figures) {
    const network = snapshot.network !== null;
    const radiusM = rule.walkMaxM ?? rule.minutes * 60 * DEFAULTS.speedMps;
    const options = network ? { mode: 'network' as const, minutes: [rule.minutes] } : { mode: 'circle' as const, radiiM: [radiusM] };
    const byArea = scope.area !== null || snapshot.boundaries.length > 0;
    const { result } = analyseProjectAccessibility(snapshot, { ...options, byArea }, careKinds);
    const how = network
      ? `walking ${rule.minutes} min over the roads network to an existing ${careKinds.join('/')}`
      : `straight-line ${radiusM} m (${rule.walkMaxM !== null ? 'the rule\'s walking distance' : `${rule.minutes} min at ${DEFAULTS.speedMps} m/s`}; no roads layer) to an existing ${careKinds.join('/')}`;
    figures = {
      elderlyShare: result.thresholds[0]?.elderly.ratio ?? null,
      byArea: new Map((result.areas?.areas ?? []).map((a) => [a.id, a.thresholds[0]?.elderlyShare ?? null])),
      how,
    };
    circles.set(key, figures);
  }
  const value = scope.area === null ? figures.elderlyShare : (figures.byArea.get(scope.area.id) ?? null);
  if (value === null) return notCheckable(rule, scope.name, unit, 'no older people in the area', lacking('older_people_in_area'), figures.how);
  return { rule: rule.id, check: rule.check, scope: scope.name, value, target: null, gap: null, unit, verdict: 'advisory', failing: [], failingIds: [], note: `${figures.how}; the rule states no share` };
}

function measured(rule: Rule, scope: string, unit: string, value: number, target: number, failing: readonly AreaInput[], note?: string): DistrictCheck {
  const verdict: DistrictVerdict = !rule.binding ? 'advisory' : value >= target ? 'pass' : 'fail';
  const failingNames = failing.map((u) => u.name);
  const failingIds = failing.map((u) => u.id);
  return { rule: rule.id, check: rule.check, scope, value, target, gap: Math.max(0, target - value), unit, verdict, failing: failingNames, failingIds, ...(note ? { note } : {}) };
}

function notCheckable(rule: Rule, scope: string, unit: string, reason: string, missing: MissingInput, note?: string): DistrictCheck {
  const range = rule.check === 'land_per_resident' ? { targetMax: rule.maxM2PerResident } : {};
  return {
    rule: rule.id,
    check: rule.check,
    scope,
    value: null,
    target: targetOf(rule),
    ...range,
    gap: null,
    unit,
    verdict: 'not_checkable',
    reason,
    missing,
    failing: [],
    failingIds: [],
    ...(note ? { note } : {}),
  };
}

const lacking = (input: MissingInput['input'], params: Record<string, string> = {}): MissingInput => ({ input, params });

function targetOf(rule: Rule): number | null {
  switch (rule.check) {
    case 'beds_per_1000_older':
      return rule.minBedsPer1000;
    case 'nursing_bed_share':
    case 'new_estates_compliant_share':
      return rule.minShare;
    case 'land_per_resident':
      return rule.minM2PerResident;
    case 'institution_per_unit':
      return 1;
    default:
      return null;
  }
}
