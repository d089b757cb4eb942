/**
 * The sheet's words for its planning content — a scenario's proposals, an analysis's thresholds, gaps
 * and figures, and the estates by review verdict — in Chinese and English (the rest of the sheet's
 * words are in print_words.ts; the verdict names are those of renderer/i18n zh_review.ts / en_review.ts).
 */
import type { EstateVerdict } from '../usecases/review_estate';
import type { PrintLanguage } from './print_words';

/** What a threshold is: a circle radius, a walking time or a network distance. */
export interface ThresholdName {
  readonly radiusM: number | null;
  readonly minutes: number | null;
  readonly networkM?: number | null;
}

export interface PlanWords {
  /** The default title of a scenario's map: the project and the scenario. */
  scenarioTitle: (project: string, scenario: string) => string;
  proposals: string;
  /** A proposal's label: its name with its day places and floor area when it states them. */
  proposalLabel: (name: string, capacity: number | null, floorAreaM2: number | null) => string;
  /** The facilities heading when a scenario or an analysis decides which facilities count. */
  countedFacilities: string;
  serviceCircles: string;
  serviceAreas: string;
  threshold: (t: ThresholdName) => string;
  /** A legend entry of one threshold with its share of older people covered. */
  thresholdEntry: (t: ThresholdName, share: string) => string;
  gaps: string;
  /** The figures note of one threshold: older people covered, N of M, share. */
  figures: (t: ThresholdName, covered: string, total: string, share: string) => string;
  /** The analysis as run: mode, speed, kinds counted, scenario. */
  analysisNote: (mode: 'circle' | 'network', speedMps: number | null, kinds: string, scenario: string | null) => string;
  /** With --capacity: demand at the uptake rate and the part the facilities' places serve. */
  capacity: (threshold: string, uptake: number, demand: string, served: string) => string;
  estates: string;
  verdicts: Record<EstateVerdict, string>;
}

const ZH: PlanWords = {
  scenarioTitle: (project, scenario) => `${project}养老服务设施布局图（${scenario}）`,
  proposals: '拟建设施（方案）',
  proposalLabel: (name, capacity, floorAreaM2) => {
    const facts = [capacity !== null ? `${capacity} 托位` : null, floorAreaM2 !== null ? `${floorAreaM2} m²` : null].filter(Boolean);
    return facts.length > 0 ? `${name}（${facts.join('，')}）` : name;
  },
  countedFacilities: '计入覆盖的现有设施',
  serviceCircles: '服务半径',
  serviceAreas: '步行服务范围',
  threshold: (t) => (t.radiusM !== null ? `半径 ${t.radiusM} m` : t.minutes !== null ? `步行 ${t.minutes} 分钟` : `路网距离 ${t.networkM} m`),
  thresholdEntry: (t, share) => `${ZH.threshold(t)}（覆盖 ${share}）`,
  gaps: '未覆盖的老年人口网格',
  figures: (t, covered, total, share) => `覆盖老年人（${ZH.threshold(t)}）：${covered} / ${total} 人，占 ${share}`,
  analysisNote: (mode, speed, kinds, scenario) =>
    `分析：${mode === 'circle' ? '服务半径（直线距离）' : `步行路网${speed !== null ? `，步速 ${speed} m/s` : ''}`}；计入设施：${kinds}${scenario ? `；方案：${scenario}` : ''}`,
  capacity: (threshold, uptake, demand, served) => `托位供需（${threshold}，需求比例 ${uptake}）：需求 ${demand} 人，可服务 ${served} 人`,
  estates: '居住区审查结论',
  verdicts: { compliant: '符合', non_compliant: '不符合', incomplete: '需补充材料' },
};

const EN: PlanWords = {
  scenarioTitle: (project, scenario) => `Elderly-care facilities: ${project} — ${scenario}`,
  proposals: 'Proposed (scenario)',
  proposalLabel: (name, capacity, floorAreaM2) => {
    const facts = [capacity !== null ? `${capacity} places` : null, floorAreaM2 !== null ? `${floorAreaM2} m²` : null].filter(Boolean);
    return facts.length > 0 ? `${name} (${facts.join(', ')})` : name;
  },
  countedFacilities: 'Existing facilities counted',
  serviceCircles: 'Service radius',
  serviceAreas: 'Walking service areas',
  threshold: (t) => (t.radiusM !== null ? `${t.radiusM} m radius` : t.minutes !== null ? `${t.minutes}-min walk` : `${t.networkM} m on the network`),
  thresholdEntry: (t, share) => `${EN.threshold(t)} (covers ${share})`,
  gaps: 'Uncovered older people',
  figures: (t, covered, total, share) => `Older people covered (${EN.threshold(t)}): ${covered} of ${total} (${share})`,
  analysisNote: (mode, speed, kinds, scenario) =>
    `Analysis: ${mode === 'circle' ? 'service radius (straight line)' : `walking network${speed !== null ? `, ${speed} m/s` : ''}`}; facilities counted: ${kinds}${scenario ? `; scenario: ${scenario}` : ''}`,
  capacity: (threshold, uptake, demand, served) => `Day places (${threshold}, uptake ${uptake}): demand ${demand}, served ${served}`,
  estates: 'Estates by review verdict',
  verdicts: { compliant: 'Compliant', non_compliant: 'Non-compliant', incomplete: 'Needs more material' },
};

export function planWords(language: PrintLanguage): PlanWords {
  return language === 'zh' ? ZH : EN;
}

/**
 * A share as a percentage with one decimal: "27.0%".
 * @example percent(0.2704) // "27.0%"
 */
export function percent(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '–' : `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}
