/**
 * The value mapping of an import's facility kinds: each distinct source value of the kind column
 * (社区养老服务中心, 助餐点, "Nursing home" …) → a FacilityKind, or "skip" (its rows are not imported).
 * One function decides a value's kind for the CLI (`siting import … --kind-map map.json`), the app's
 * import preview and the importer: the chosen mapping first, then the project's remembered mapping,
 * then the built-in synonyms (facility_kind_synonyms.ts), and for empty cells the default kind.
 * A value none of these maps is "unmapped": the import lists every such value with its count and
 * imports nothing until each one is mapped (to a kind, "other", or skipped).
 *
 *   const tally = new KindTally({ map: { 老年活动室: 'other' }, remembered: null, fallback: undefined });
 *   tally.add('社区养老服务中心'); // 'community_station' (synonym)
 *   tally.add('老年活动室'); // 'other' (map)
 *   tally.summary() // [{ value: '社区养老服务中心', count: 1, kind: 'community_station', source: 'synonym', synonym: … }, …]
 */
import * as z from 'zod';
import { FacilityKind } from './entities';
import { facilityKindOfSynonym, kindValueKey } from './facility_kind_synonyms';

export const KIND_SKIP = 'skip';
/** What a source value maps to: a kind, or "skip" (its rows are left out and counted as skipped). */
export const FacilityKindTarget = z.union([FacilityKind, z.literal(KIND_SKIP)]);
export type FacilityKindTarget = z.infer<typeof FacilityKindTarget>;

/** Source value (as kindValueKey gives it; '' for empty cells) → target. Stored in the project and read from --kind-map files. */
export const FacilityKindMap = z.record(z.string().max(500), FacilityKindTarget);
export type FacilityKindMap = z.infer<typeof FacilityKindMap>;

/** Where a value's target came from: the chosen map, the project's remembered map, a synonym, the default kind, or nowhere. */
export type KindSource = 'map' | 'remembered' | 'synonym' | 'default' | 'none';

export interface KindRules {
  /** The mapping chosen for this import (preview selections, --kind-map). */
  map?: FacilityKindMap | null;
  /** The mapping remembered in the project from earlier imports. */
  remembered?: FacilityKindMap | null;
  /** Kind of empty cells (the import's default kind). */
  fallback?: FacilityKind;
}

/** One distinct source value of the kind column, with its row count and what it maps to. */
export interface KindValueSummary {
  /** The value as keyed ('' for empty cells). */
  value: string;
  count: number;
  /** The target, or null when unmapped. */
  kind: FacilityKindTarget | null;
  source: KindSource;
  /** What the built-in synonyms say (null: none fits), shown beside a changed choice. */
  synonym: FacilityKind | null;
  /** Where the value first occurs (the data row or feature the caller passed), for messages. */
  first?: number;
}

const own = (map: FacilityKindMap | null | undefined, key: string): FacilityKindTarget | undefined =>
  map && Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;

/**
 * The target of one source value and where it came from.
 * @example resolveKindValue('助餐点', {}) // { kind: 'canteen', source: 'synonym' }
 * @example resolveKindValue('', { fallback: 'day_care' }) // { kind: 'day_care', source: 'default' }
 * @example resolveKindValue('老年活动室', {}) // { kind: null, source: 'none' }
 */
export function resolveKindValue(raw: string, rules: KindRules): { kind: FacilityKindTarget | null; source: KindSource } {
  const key = kindValueKey(raw);
  const chosen = own(rules.map, key);
  if (chosen !== undefined) return { kind: chosen, source: 'map' };
  const remembered = own(rules.remembered, key);
  if (remembered !== undefined) return { kind: remembered, source: 'remembered' };
  if (key === '') return rules.fallback ? { kind: rules.fallback, source: 'default' } : { kind: null, source: 'none' };
  const synonym = facilityKindOfSynonym(key);
  return synonym ? { kind: synonym, source: 'synonym' } : { kind: null, source: 'none' };
}

/**
 * Counts the values of one file's kind column and resolves each distinct value once (a million rows
 * have a handful of distinct kinds).
 */
export class KindTally {
  private readonly values = new Map<string, { count: number; kind: FacilityKindTarget | null; source: KindSource; first?: number }>();

  constructor(private readonly rules: KindRules) {}

  /** The target of a cell (null or undefined: empty), counting it; null when unmapped. `at`: its row or feature. */
  add(raw: unknown, at?: number): FacilityKindTarget | null {
    const key = raw === null || raw === undefined ? '' : kindValueKey(String(raw));
    let entry = this.values.get(key);
    if (!entry) {
      entry = { count: 0, ...resolveKindValue(key, this.rules), ...(at !== undefined ? { first: at } : {}) };
      this.values.set(key, entry);
    }
    entry.count++;
    return entry.kind;
  }

  /** Every distinct value, most rows first (then by value). */
  summary(): KindValueSummary[] {
    return [...this.values.entries()]
      .map(([value, entry]) => ({
        value,
        count: entry.count,
        kind: entry.kind,
        source: entry.source,
        synonym: value === '' ? null : facilityKindOfSynonym(value),
        ...(entry.first !== undefined ? { first: entry.first } : {}),
      }))
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  }

  /** The values no rule maps, most rows first. */
  unmapped(): KindValueSummary[] {
    return this.summary().filter((entry) => entry.kind === null);
  }

  /** Rows per target ("skip" included), over every value that has one. */
  counts(): Partial<Record<FacilityKindTarget, number>> {
    const counts: Partial<Record<FacilityKindTarget, number>> = {};
    for (const entry of this.values.values()) if (entry.kind !== null) counts[entry.kind] = (counts[entry.kind] ?? 0) + entry.count;
    return counts;
  }
}

/**
 * The mapping to remember after an import: the remembered one updated with the values of this
 * import that were chosen or confirmed (map, or a remembered value kept); synonyms are not stored
 * (they apply anyway), so the stored map holds only the user's decisions.
 * @example mergeKindMaps({ a: 'other' }, [{ value: 'b', kind: 'canteen', source: 'map', … }]) // { a: 'other', b: 'canteen' }
 */
export function mergeKindMaps(remembered: FacilityKindMap | null, used: readonly KindValueSummary[]): FacilityKindMap {
  const next: FacilityKindMap = { ...(remembered ?? {}) };
  for (const entry of used) if (entry.kind !== null && entry.source === 'map' && entry.value !== '') next[entry.value] = entry.kind;
  return next;
}

/** A stored or given mapping, checked; null when absent. Throws the zod error for a bad one (callers word it). */
export function parseKindMap(value: unknown): FacilityKindMap | null {
  if (value === null || value === undefined) return null;
  const parsed = FacilityKindMap.parse(value);
  const keyed: FacilityKindMap = {};
  for (const [value_, kind] of Object.entries(parsed)) keyed[kindValueKey(value_)] = kind;
  return keyed;
}

/** Project setting key of the remembered facility-kind mapping. */
export const KIND_MAP_SETTING = 'import_kind_map.facilities';
