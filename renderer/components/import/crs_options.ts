/**
 * The coordinate systems offered by the import and export pickers, grouped the way a planning office
 * looks for them: the common ones first, then CGCS2000 Gauss–Krüger 3° and 6° (central-meridian form
 * and zone-prefix form), then UTM. Built from shared/geodesy/crs_definitions.ts, so the pickers offer
 * exactly what the host accepts.
 */
import { listCrsDefinitions, type CrsFamily } from '../../../shared/geodesy/crs_definitions';

export type CrsGroupKey = 'common' | 'offsets' | 'gk3cm' | 'gk3zone' | 'gk6cm' | 'gk6zone' | 'utmNorth' | 'utmSouth';

export interface CrsOption {
  /** What the host is sent: EPSG:<code>, gcj02 or bd09. */
  value: string;
  label: string;
}

export interface CrsGroup {
  key: CrsGroupKey;
  options: CrsOption[];
}

const FAMILY_GROUP: Partial<Record<CrsFamily, CrsGroupKey>> = {
  cgcs2000_gk3_cm: 'gk3cm',
  cgcs2000_gk3_zone: 'gk3zone',
  cgcs2000_gk6_cm: 'gk6cm',
  cgcs2000_gk6_zone: 'gk6zone',
  utm_north: 'utmNorth',
  utm_south: 'utmSouth',
};

const GROUP_ORDER: CrsGroupKey[] = ['common', 'offsets', 'gk3cm', 'gk3zone', 'gk6cm', 'gk6zone', 'utmNorth', 'utmSouth'];

/** Labels of the systems without an EPSG code (translated by the caller). */
export interface OffsetLabels {
  gcj02: string;
  bd09: string;
}

/**
 * The picker's groups: every EPSG system the app knows, plus GCJ-02 and BD-09 when `offsets` gives
 * their labels (import, CSV export; GeoJSON and GeoPackage can only name EPSG systems).
 */
export function crsGroups(options: { offsets: OffsetLabels | null }): CrsGroup[] {
  const groups = new Map<CrsGroupKey, CrsOption[]>(GROUP_ORDER.map((key) => [key, []]));
  for (const definition of listCrsDefinitions()) {
    const key = FAMILY_GROUP[definition.family] ?? 'common';
    groups.get(key)?.push({ value: `EPSG:${definition.code}`, label: `EPSG:${definition.code} · ${definition.name}` });
  }
  if (options.offsets) {
    groups.get('offsets')?.push({ value: 'gcj02', label: options.offsets.gcj02 }, { value: 'bd09', label: options.offsets.bd09 });
  }
  return GROUP_ORDER.map((key) => ({ key, options: groups.get(key) ?? [] })).filter((group) => group.options.length > 0);
}

/**
 * The picker value of a CRS name as the host reports it ("EPSG:4547", "GCJ02", "BD09"), or null
 * for systems the picker does not list (a custom proj4 definition from a .prj).
 */
export function crsPickerValue(name: string | null): string | null {
  if (name === null) return null;
  const trimmed = name.trim();
  if (/^gcj-?02$/i.test(trimmed)) return 'gcj02';
  if (/^bd-?09$/i.test(trimmed)) return 'bd09';
  const epsg = /^EPSG:(\d+)$/i.exec(trimmed);
  if (epsg && listCrsDefinitions().some((definition) => definition.code === Number(epsg[1]))) return `EPSG:${epsg[1]}`;
  return null;
}
