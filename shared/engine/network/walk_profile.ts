/**
 * Which OpenStreetMap ways an older pedestrian may use, and at what cost. Walking ignores `oneway`.
 *
 * Rules, in order (first match decides):
 * 1. no `highway` tag → not a road;
 * 2. an explicit foot prohibition (`foot=no|private|use_sidepath`) → excluded;
 * 3. classes that are never walked (motorway, trunk and their links, construction, proposed, …) → excluded;
 * 4. classes walked only where foot is explicitly allowed (bridleway) → excluded without `foot=yes|designated|permissive`;
 * 5. a class that is not a known walkable class → excluded as unknown;
 * 6. `access=no|private` without an explicit foot permission → excluded;
 * 7. otherwise walkable; `highway=steps` costs `stepsFactor` times its horizontal length.
 */

export type WayVerdict =
  | 'walkable'
  | 'no_highway'
  | 'foot_prohibited'
  | 'excluded_class'
  | 'foot_not_allowed_on_class'
  | 'unknown_class'
  | 'access_prohibited';

export interface WalkProfile {
  /** Cost multiplier for `highway=steps` (time per metre of horizontal length). Default 2. */
  stepsFactor: number;
  /** Highway classes that are walkable unless tagged otherwise. */
  walkableClasses: readonly string[];
  /** Highway classes never walked, whatever the foot tag says (the issue: motorway/trunk and links). */
  excludedClasses: readonly string[];
  /** Highway classes walked only with an explicit foot permission. */
  footPermissionClasses: readonly string[];
}

export const DEFAULT_WALKABLE_CLASSES: readonly string[] = [
  'footway', 'path', 'pedestrian', 'steps', 'living_street', 'residential', 'service', 'unclassified',
  'tertiary', 'tertiary_link', 'secondary', 'secondary_link', 'primary', 'primary_link', 'cycleway',
  'track', 'road', 'platform', 'corridor', 'crossing', 'elevator',
];

export const DEFAULT_EXCLUDED_CLASSES: readonly string[] = [
  'motorway', 'motorway_link', 'trunk', 'trunk_link', 'construction', 'proposed', 'abandoned',
  'disused', 'raceway', 'bus_guideway', 'busway', 'escape',
];

export const DEFAULT_WALK_PROFILE: WalkProfile = {
  stepsFactor: 2,
  walkableClasses: DEFAULT_WALKABLE_CLASSES,
  excludedClasses: DEFAULT_EXCLUDED_CLASSES,
  footPermissionClasses: ['bridleway'],
};

const FOOT_PROHIBITED = new Set(['no', 'private', 'use_sidepath', 'discouraged_no']);
const FOOT_ALLOWED = new Set(['yes', 'designated', 'permissive', 'destination', 'delivery', 'customers', 'official']);
const ACCESS_PROHIBITED = new Set(['no', 'private']);

/** Compiled form of a profile for fast per-way checks. */
export interface CompiledWalkProfile {
  readonly profile: WalkProfile;
  readonly walkable: ReadonlySet<string>;
  readonly excluded: ReadonlySet<string>;
  readonly footPermission: ReadonlySet<string>;
}

/**
 * Checks a profile once and prepares its class sets.
 * @example const compiled = compileWalkProfile({ ...DEFAULT_WALK_PROFILE, stepsFactor: 3 });
 */
export function compileWalkProfile(profile: WalkProfile = DEFAULT_WALK_PROFILE): CompiledWalkProfile {
  if (!(profile.stepsFactor >= 1) || !Number.isFinite(profile.stepsFactor)) {
    throw new RangeError(`stepsFactor must be a finite number ≥ 1, got ${profile.stepsFactor}`);
  }
  return {
    profile,
    walkable: new Set(profile.walkableClasses),
    excluded: new Set(profile.excludedClasses),
    footPermission: new Set(profile.footPermissionClasses),
  };
}

/**
 * Decides whether a way is walkable, and why not.
 * @example classifyWay(compileWalkProfile(), 'footway', { foot: 'no' }) // 'foot_prohibited'
 */
export function classifyWay(
  compiled: CompiledWalkProfile,
  highway: string | null | undefined,
  tags: Readonly<Record<string, string>>,
): WayVerdict {
  if (!highway) return 'no_highway';
  const foot = tags.foot;
  if (foot !== undefined && FOOT_PROHIBITED.has(foot)) return 'foot_prohibited';
  if (compiled.excluded.has(highway)) return 'excluded_class';
  const footAllowed = foot !== undefined && FOOT_ALLOWED.has(foot);
  if (compiled.footPermission.has(highway)) return footAllowed ? 'walkable' : 'foot_not_allowed_on_class';
  if (!compiled.walkable.has(highway)) return 'unknown_class';
  const access = tags.access;
  if (!footAllowed && access !== undefined && ACCESS_PROHIBITED.has(access)) return 'access_prohibited';
  return 'walkable';
}

/** Cost multiplier of a walkable way (time per metre relative to level walking). @example wayCostFactor(compiled, 'steps') // 2 */
export function wayCostFactor(compiled: CompiledWalkProfile, highway: string): number {
  return highway === 'steps' ? compiled.profile.stepsFactor : 1;
}

/**
 * True when a way is raised or buried (bridge, tunnel other than a building passage): cells and
 * facilities are not snapped onto such ways by default, because nobody steps onto a bridge from below.
 * @example isGradeSeparated({ tunnel: 'building_passage' }) // false
 */
export function isGradeSeparated(tags: Readonly<Record<string, string>>): boolean {
  const bridge = tags.bridge;
  if (bridge !== undefined && bridge !== 'no') return true;
  const tunnel = tags.tunnel;
  return tunnel !== undefined && tunnel !== 'no' && tunnel !== 'building_passage';
}
