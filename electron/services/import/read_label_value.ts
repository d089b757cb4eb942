/**
 * Reads the enumerated fields (facility kind and status, estate area type, boundary level, urban
 * flag) from the labels planners actually write: the enum value itself, English words, or the
 * Chinese terms of the plans (日间照料中心, 社区养老服务站, 养老院 ...). Unknown labels are errors.
 * Facility kinds come from the shared synonyms (shared/schemas/facility_kind_synonyms.ts); an import
 * maps them through its KindTally, this reader serves single values.
 */
import type { FacilityKind, FacilityStatus } from '../../../shared/schemas/entities';
import { FACILITY_KINDS, FACILITY_STATUSES, BOUNDARY_LEVELS } from '../../../shared/schemas/entities';
import { facilityKindOfSynonym } from '../../../shared/schemas/facility_kind_synonyms';
import { isEmptyCell } from './read_cell_value';
import { inputError, showValue, type RecordLocation } from './record_location';

type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

const KIND_EXPECTED = `one of ${FACILITY_KINDS.join(', ')} or a label such as 日间照料中心, 社区养老服务站, 养老院, 社区卫生服务站, 医院, 长者食堂`;

/** Lower case, NFKC, blanks and hyphens as "_" ("Day-care  centre" → "day_care_centre"). */
function word(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Facility kind; empty cells take `fallback` (options.kind) or are an error. */
export function readFacilityKind(raw: unknown, loc: RecordLocation, field: string, fallback: FacilityKind | undefined): FacilityKind {
  if (isEmptyCell(raw)) {
    if (fallback) return fallback;
    throw inputError(loc, field, 'facility kind is empty and no default kind was given (--kind)', KIND_EXPECTED);
  }
  if (typeof raw === 'string') {
    const kind = facilityKindOfSynonym(raw);
    if (kind) return kind;
  }
  throw inputError(loc, field, `unknown facility kind ${showValue(raw)}`, KIND_EXPECTED);
}

const STATUS_WORDS: Record<string, FacilityStatus> = {
  现状: 'existing',
  现有: 'existing',
  已建: 'existing',
  已建成: 'existing',
  建成: 'existing',
  运营: 'existing',
  在运营: 'existing',
  规划: 'planned',
  拟建: 'planned',
  在建: 'planned',
  计划: 'planned',
  建议: 'proposed',
  新增: 'proposed',
  提议: 'proposed',
};

/** Facility status; empty → existing. */
export function readFacilityStatus(raw: unknown, loc: RecordLocation, field: string): FacilityStatus {
  if (isEmptyCell(raw)) return 'existing';
  if (typeof raw === 'string') {
    const w = word(raw);
    if ((FACILITY_STATUSES as readonly string[]).includes(w)) return w as FacilityStatus;
    if (STATUS_WORDS[w]) return STATUS_WORDS[w];
  }
  throw inputError(loc, field, `unknown status ${showValue(raw)}`, `one of ${FACILITY_STATUSES.join(', ')} (现状, 规划, 建议)`);
}

const AREA_TYPE_WORDS: Record<string, 'new' | 'old' | 'renewal'> = {
  renewal: 'renewal',
  更新: 'renewal',
  城市更新: 'renewal',
  城市更新项目: 'renewal',
  更新项目: 'renewal',
  new: 'new',
  新建: 'new',
  新建小区: 'new',
  新: 'new',
  old: 'old',
  existing: 'old',
  老旧: 'old',
  老旧小区: 'old',
  旧: 'old',
  既有: 'old',
  既有小区: 'old',
  老城区: 'old',
};

/** Estate area type (新建小区 new / 老旧小区 old / 城市更新 renewal); required. */
export function readAreaType(raw: unknown, loc: RecordLocation, field: string): 'new' | 'old' | 'renewal' {
  const w = typeof raw === 'string' ? word(raw) : '';
  const value = AREA_TYPE_WORDS[w];
  if (value) return value;
  const what = isEmptyCell(raw) ? 'estate area type is empty' : `unknown estate area type ${showValue(raw)}`;
  throw inputError(loc, field, what, 'new (新建小区), old (老旧小区) or renewal (城市更新)');
}

const LEVEL_WORDS: Record<string, BoundaryLevel> = {
  市: 'city',
  区: 'district',
  县: 'district',
  区县: 'district',
  街道: 'street',
  镇: 'town',
  乡: 'town',
  乡镇: 'town',
  社区: 'community',
  居委会: 'community',
  村: 'village',
  村委会: 'village',
  行政村: 'village',
  其他: 'other',
};
/** OSM admin_level in China: 5 prefecture-level city, 6 district/county; other levels are ambiguous. */
const ADMIN_LEVELS: Record<string, BoundaryLevel> = { '5': 'city', '6': 'district' };

/** Boundary level; empty → other. */
export function readBoundaryLevel(raw: unknown, loc: RecordLocation, field: string): BoundaryLevel {
  if (isEmptyCell(raw)) return 'other';
  const w = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? word(raw) : '';
  if ((BOUNDARY_LEVELS as readonly string[]).includes(w)) return w as BoundaryLevel;
  if (LEVEL_WORDS[w]) return LEVEL_WORDS[w];
  if (/^\d+$/.test(w)) return ADMIN_LEVELS[w] ?? 'other';
  throw inputError(loc, field, `unknown boundary level ${showValue(raw)}`, `one of ${BOUNDARY_LEVELS.join(', ')}, 市/区/街道/镇/社区/村 or an OSM admin_level`);
}

const URBAN_WORDS: Record<string, boolean> = {
  urban: true,
  城市: true,
  城镇: true,
  城: true,
  rural: false,
  农村: false,
  乡村: false,
  村: false,
};

/** Urban (true) / rural (false) flag; empty → null (unknown). */
export function readUrban(raw: unknown, loc: RecordLocation, field: string): boolean | null {
  if (isEmptyCell(raw)) return null;
  if (typeof raw === 'boolean') return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw === 'string') {
    const w = word(raw);
    if (w in URBAN_WORDS) return URBAN_WORDS[w];
    if (['true', 'yes', 'y', '1', '是'].includes(w)) return true;
    if (['false', 'no', 'n', '0', '否'].includes(w)) return false;
  }
  throw inputError(loc, field, `unknown urban/rural value ${showValue(raw)}`, 'urban/rural, 城市/农村, true/false or 1/0');
}
