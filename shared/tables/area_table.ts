/**
 * The per-area table (coverage by street, community, village …) as one table for the screen's wide
 * view, the CSV and XLSX exports and `siting analyze --areas-out`: one row per area with its name, id,
 * level, urban/rural, population, older people, facilities inside, the share of older people covered
 * at each threshold, whether it counts as served at the largest, and the coverage target its group has
 * in the project's preset. Column headings and words come in the chosen language from AREA_TABLE_WORDS,
 * of which the app's texts of the per-area table (renderer/i18n/*_analysis.ts `areas`) are made: the
 * screen, the exports and the command line use the same words.
 */
import type { AreaCoverageResult, AreaFigures } from '../engine/areas/area_coverage';
import { coverageTargetOf, type PresetTargets } from '../rules/preset_targets';
import type { DataTable, TableCell, TableColumn } from './data_table';

type Level = AreaFigures['level'];

export interface AreaTableWords {
  sheet: string;
  name: string;
  id: string;
  level: string;
  urban: string;
  population: string;
  elderly: string;
  facilities: string;
  /** The heading of a threshold's coverage column, e.g. "覆盖率（15 分钟）". */
  coverage: (threshold: string) => string;
  served: (threshold: string) => string;
  target: string;
  levels: Record<Level, string>;
  urbanYes: string;
  urbanNo: string;
  yes: string;
  no: string;
}

export const AREA_TABLE_WORDS: Record<'zh' | 'en', AreaTableWords> = {
  zh: {
    sheet: '分区覆盖',
    name: '区域',
    id: '编号',
    level: '层级',
    urban: '城市/农村',
    population: '常住人口',
    elderly: '老年人口',
    facilities: '区内设施数',
    coverage: (threshold) => `覆盖率（${threshold}）`,
    served: (threshold) => `已服务（${threshold}）`,
    target: '设施覆盖目标（规则预设）',
    levels: { city: '市', district: '区', street: '街道', town: '镇', community: '社区', village: '村', other: '其他' },
    urbanYes: '城市',
    urbanNo: '农村',
    yes: '是',
    no: '否',
  },
  en: {
    sheet: 'Coverage by area',
    name: 'Area',
    id: 'Id',
    level: 'Level',
    urban: 'Urban / rural',
    population: 'Population',
    elderly: 'Older people',
    facilities: 'Facilities inside',
    coverage: (threshold) => `Coverage (${threshold})`,
    served: (threshold) => `Served (${threshold})`,
    target: 'Facility coverage target (preset)',
    levels: { city: 'City', district: 'District', street: 'Street', town: 'Town', community: 'Community', village: 'Village', other: 'Other' },
    urbanYes: 'urban',
    urbanNo: 'rural',
    yes: 'yes',
    no: 'no',
  },
};

export interface AreaTableOptions {
  words: AreaTableWords;
  /** The thresholds as shown ("15 min", "1,000 m"), aligned with each area's `thresholds`. */
  thresholds: readonly string[];
  /** The project's preset targets: adds the target column (null or absent: no column). */
  targets?: PresetTargets | null;
  /** The areas in the order wanted (default: the result's order). */
  areas?: readonly AreaFigures[];
}

/**
 * @example areaTable(result.areas, { words: AREA_TABLE_WORDS.zh, thresholds: ['15 分钟'] }).rows[0]
 *   // ['江汉区', 'B1', '区县', '城市', 123456, 23456, 12, 0.8123, '是']
 */
export function areaTable(result: Pick<AreaCoverageResult, 'areas'>, options: AreaTableOptions): DataTable {
  const { words, thresholds } = options;
  const areas = options.areas ?? result.areas;
  const last = thresholds.length - 1;
  const targets = options.targets ?? null;
  const columns: TableColumn[] = [
    { key: 'name', title: words.name, kind: 'text' },
    { key: 'id', title: words.id, kind: 'text' },
    { key: 'level', title: words.level, kind: 'text' },
    { key: 'urban', title: words.urban, kind: 'text' },
    { key: 'population', title: words.population, kind: 'count' },
    { key: 'elderly', title: words.elderly, kind: 'count' },
    { key: 'facilities_inside', title: words.facilities, kind: 'count' },
    ...thresholds.map((shown, k): TableColumn => ({ key: `coverage_${k + 1}`, title: words.coverage(shown), kind: 'share' })),
    ...(last >= 0 ? [{ key: 'served', title: words.served(thresholds[last]), kind: 'text' } satisfies TableColumn] : []),
    ...(targets ? [{ key: 'coverage_target', title: words.target, kind: 'share' } satisfies TableColumn] : []),
  ];
  const rows = areas.map((area): TableCell[] => {
    const served = last >= 0 ? (area.thresholds[last]?.served ?? null) : null;
    return [
      area.name,
      area.id,
      words.levels[area.level],
      area.urban === null ? null : area.urban ? words.urbanYes : words.urbanNo,
      // Whole persons, as the app shows them (grid counts may be fractional: WorldPop).
      Math.round(area.population),
      Math.round(area.elderly),
      area.facilitiesInside,
      ...thresholds.map((_, k) => area.thresholds[k]?.elderlyShare ?? null),
      ...(last >= 0 ? [served === null ? null : served ? words.yes : words.no] : []),
      ...(targets ? [coverageTargetOf(targets, area.level, area.urban)] : []),
    ];
  });
  return { sheet: words.sheet, columns, rows };
}

/**
 * A threshold as the app's tables head it (renderer/components/analysis/threshold_text.ts, with the
 * same Intl formats): a walking time ("15 min", "15分钟") or a distance ("1,000 m", "1,000米"), so that
 * the command line's table and the app's export read the same.
 * @example thresholdWords({ minutes: null, radiusM: 1000, networkM: null }, 'zh') // '1,000米'
 */
export function thresholdWords(threshold: { minutes: number | null; radiusM: number | null; networkM?: number | null }, language: 'zh' | 'en'): string {
  const locale = language === 'zh' ? 'zh-CN' : 'en';
  if (threshold.minutes !== null) {
    return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'short', maximumFractionDigits: 1, minimumFractionDigits: 0 }).format(threshold.minutes);
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'meter', unitDisplay: 'short', maximumFractionDigits: 0 }).format(threshold.networkM ?? threshold.radiusM ?? 0);
}
