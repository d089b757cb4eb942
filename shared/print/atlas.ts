/**
 * The atlas (每个街道/镇一页, like QGIS Atlas or an ArcGIS map series): one sheet per unit of a
 * boundary level, sorted by name, each zoomed to its unit with the rest greyed, titled with the unit,
 * numbered "X / Y" and carrying the unit's figures in a small table:
 *
 * - older people: Σ of the grid's `elderly` over the cells whose centre lies in the unit (the engine's
 *   point-in-polygon, shared/engine/areas — the same cells `siting analyze --by-area` counts);
 * - covered share: the share of those older people covered by the accessibility use case
 *   (shared/usecases/accessibility_analysis.ts) with the default circle settings (DEFAULTS.radiusM
 *   around the existing facilities of DEFAULTS.kinds), as `siting analyze --by-area` reports it;
 * - beds per 1,000 older people: the project preset's `beds_per_1000_older` rule checked per area by
 *   the district check (shared/usecases/check_district.ts), exactly as `siting check --by-area`;
 * - review verdicts: the stored reviews of the estates whose location lies in the unit, by verdict.
 *
 * Pure: the caller reads the project (electron/services/print/atlas_export.ts).
 */
import type { AreaInput } from '../engine/areas/area_coverage';
import { PolygonIndex } from '../engine/areas/polygon_index';
import type { Preset } from '../rules/rule';
import type { Boundary, FacilityKind } from '../schemas/entities';
import { DEFAULTS } from '../settings/siting_settings';
import { analyseProjectAccessibility } from '../usecases/accessibility_analysis';
import { checkDistrict, type DistrictFacility } from '../usecases/check_district';
import type { DemandGrid } from '../engine/demand_grid';
import type { ProjectSnapshot, SnapshotFacility } from '../usecases/project_snapshot';
import type { EstateVerdict } from '../usecases/review_estate';
import { groupThousands, printWords, type PrintLanguage } from './print_words';
import { composeSheet, type Sheet, type SheetInput } from './sheet';
import { planWords } from './plan_words';

/** A stored review of an estate at its location. */
export interface ReviewedEstate {
  readonly lon: number;
  readonly lat: number;
  readonly verdict: EstateVerdict;
}

export interface AtlasFigures {
  /** Older people in the unit; null when the grid has no older population. */
  elderly: number | null;
  /** Share of them within the default circle of a facility; null without older people in the unit. */
  coveredShare: number | null;
  /** The circle's radius, metres. */
  radiusM: number;
  /** null when not checkable (see bedsMissing). */
  bedsPer1000: number | null;
  /** Why beds per 1,000 has no value (the district check's reason, or the preset has no such rule). */
  bedsMissing?: string;
  /** Latest review verdicts of the estates in the unit; null when the project stores no reviews. */
  reviews: Record<EstateVerdict, number> | null;
}

const VERDICTS: readonly EstateVerdict[] = ['compliant', 'non_compliant', 'incomplete'];

interface AtlasWords {
  title: (unit: string) => string;
  heading: (unit: string) => string;
  elderly: string;
  covered: (radiusM: number) => string;
  beds: string;
  reviews: string;
  verdicts: Record<EstateVerdict, string>;
  none: string;
}

const WORDS: Record<PrintLanguage, AtlasWords> = {
  zh: {
    title: (unit) => printWords('zh').defaultTitle(unit),
    heading: (unit) => `${unit} 主要指标`,
    elderly: '老年人口（60 岁以上）',
    covered: (radiusM) => `老年人口覆盖率（设施 ${groupThousands(radiusM)} 米内）`,
    beds: '每千名老年人养老床位',
    reviews: '小区审查',
    verdicts: { compliant: '符合', non_compliant: '不符合', incomplete: '需补充材料' },
    none: '—',
  },
  en: {
    title: (unit) => printWords('en').defaultTitle(unit),
    heading: (unit) => `${unit}: figures`,
    elderly: 'Older people (60+)',
    covered: (radiusM) => `Covered (within ${groupThousands(radiusM)} m of a facility)`,
    beds: 'Beds per 1,000 older people',
    reviews: 'Estate reviews',
    verdicts: { compliant: 'compliant', non_compliant: 'non-compliant', incomplete: 'needs material' },
    none: '—',
  },
};

/**
 * The units of `level`, sorted by name (Chinese by pinyin, as the zh collation orders them), or null
 * when the boundaries have none of that level.
 * @example atlasUnits(snapshot.boundaries, 'street')?.map((u) => u.name)
 */
export function atlasUnits(boundaries: readonly AreaInput[], level: Boundary['level']): AreaInput[] | null {
  const units = boundaries.filter((b) => b.level === level);
  if (units.length === 0) return null;
  return [...units].sort((a, b) => a.name.localeCompare(b.name, 'zh') || a.id.localeCompare(b.id));
}

/**
 * Each unit's figures (aligned with `units`, all of one level).
 * @param grid the project's population grid
 * @param servingFacilities the facilities the accessibility use case counts (a project snapshot's: existing ones and the scenario's proposals)
 * @param facilities the facilities layer as the district check reads it
 * @param reviewed the latest stored review of each estate; null when the project stores none
 * @param coverage the circle of the covered share and the kinds it counts (the map's circle analysis, else the defaults)
 */
export function atlasFigures(
  grid: DemandGrid,
  servingFacilities: readonly SnapshotFacility[],
  units: readonly AreaInput[],
  facilities: readonly DistrictFacility[],
  preset: Preset,
  reviewed: readonly ReviewedEstate[] | null,
  coverage: { radiusM: number; kinds: readonly FacilityKind[] } = { radiusM: DEFAULTS.radiusM, kinds: DEFAULTS.kinds },
): AtlasFigures[] {
  const radiusM = coverage.radiusM;
  // A snapshot of the units alone: the per-area figures are the units', and the grid is not read again.
  const unitSnapshot: ProjectSnapshot = { grid, facilities: servingFacilities, candidates: [], boundaries: units, cellSize: null, network: null };
  const areas = grid.count > 0 ? analyseProjectAccessibility(unitSnapshot, { mode: 'circle', radiiM: [radiusM], byArea: true }, coverage.kinds).result.areas?.areas ?? [] : [];
  const byId = new Map(areas.map((area) => [area.id, area]));

  // Beds per 1,000: the preset's rule alone, through the district check per area.
  const bedsRule = preset.rules.find((rule) => rule.check === 'beds_per_1000_older');
  const beds = bedsRule
    ? checkDistrict(unitSnapshot, facilities, { ...preset, rules: [bedsRule] }, { byArea: units[0]?.level }).checks.filter((check) => check.rule === bedsRule.id).slice(1)
    : [];

  let reviews: Array<Record<EstateVerdict, number>> | null = null;
  if (reviewed) {
    reviews = units.map(() => ({ compliant: 0, non_compliant: 0, incomplete: 0 }));
    const index = new PolygonIndex(units.map((unit) => unit.geometry.coordinates));
    const found: number[] = [];
    for (const estate of reviewed) for (const u of index.containing(estate.lon, estate.lat, found)) reviews[u][estate.verdict]++;
  }

  return units.map((unit, u) => {
    const area = byId.get(unit.id);
    const check = beds[u];
    if (check && check.scope !== unit.name) throw new Error(`district check out of step: ${check.scope} for ${unit.name}`);
    return {
      elderly: grid.hasElderly ? (area?.elderly ?? 0) : null,
      coveredShare: grid.hasElderly ? (area?.thresholds[0]?.elderlyShare ?? null) : null,
      radiusM,
      bedsPer1000: check?.value ?? null,
      ...(check?.value === null || check === undefined ? { bedsMissing: check?.reason ?? 'the rules preset has no beds-per-1,000 rule' } : {}),
      reviews: reviews ? reviews[u] : null,
    };
  });
}

/** The figures table's rows in the sheet's language. */
export function atlasFigureRows(unit: string, figures: AtlasFigures, language: PrintLanguage): NonNullable<SheetInput['figures']> {
  const words = WORDS[language];
  const rows: Array<[string, string]> = [
    [words.elderly, figures.elderly === null ? words.none : groupThousands(figures.elderly)],
    [words.covered(figures.radiusM), figures.coveredShare === null ? words.none : `${(figures.coveredShare * 100).toFixed(1)} %`],
    [words.beds, figures.bedsPer1000 === null ? words.none : figures.bedsPer1000.toFixed(1)],
  ];
  if (figures.reviews) {
    rows.push([words.reviews, VERDICTS.map((verdict) => `${words.verdicts[verdict]} ${figures.reviews![verdict]}`).join(' · ')]);
  }
  return { heading: words.heading(unit), rows };
}

/**
 * The title of a unit's page: the default "{unit}养老服务设施布局图" / "Elderly-care facilities: {unit}",
 * with the scenario's name when the map shows one ("{unit}养老服务设施布局图（{scenario}）"), or the given title
 * with "{unit}" replaced (a title without it gets the unit after it).
 * @example atlasTitle('江汉区', 'zh') // "江汉区养老服务设施布局图"
 * @example atlasTitle('江汉区', 'zh', '{unit}设施现状图') // "江汉区设施现状图"
 */
export function atlasTitle(unit: string, language: PrintLanguage, title?: string, scenario?: string | null): string {
  if (title === undefined) return scenario ? planWords(language).scenarioTitle(unit, scenario) : WORDS[language].title(unit);
  return title.includes('{unit}') ? title.split('{unit}').join(unit) : language === 'zh' ? `${title}（${unit}）` : `${title}: ${unit}`;
}

export interface AtlasPage {
  readonly unit: AreaInput;
  readonly figures: AtlasFigures;
  readonly sheet: Sheet;
}

/**
 * One sheet per unit: `base` (the project's sheet input) focused on the unit, with its title, page
 * number and figures. With `only`, just that unit's page (numbered as in the whole atlas): the app
 * draws an atlas page by page, so that it can report progress and stop between pages.
 */
export function composeAtlas(
  base: Omit<SheetInput, 'title' | 'focus' | 'figures' | 'pageLabel'>,
  units: readonly AreaInput[],
  figures: readonly AtlasFigures[],
  title?: string,
  only?: number,
): AtlasPage[] {
  return units.flatMap((unit, u) => {
    if (only !== undefined && u !== only) return [];
    return [{
      unit,
      figures: figures[u],
      sheet: composeSheet({
        ...base,
        title: atlasTitle(unit.name, base.language, title, base.plan?.scenario),
        focus: { name: unit.name, geometry: unit.geometry },
        figures: atlasFigureRows(unit.name, figures[u], base.language),
        pageLabel: `${u + 1} / ${units.length}`,
      }),
    }];
  });
}
