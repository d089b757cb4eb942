/**
 * Use case "save a suggestion as a scenario": the suggested sites become a change set — a new
 * scenario with one proposal per site (a day-care centre unless the run counted other kinds only; its
 * marginal gain in the note, since proposals have no numeric field for it; its day places as capacity
 * when known). The host applies the change set in one transaction (ScenarioEdits
 * .createScenarioWithProposals, channel `scenario:create-with-proposals`): the scenario and all its
 * proposals, or nothing. `siting optimize --save` and the app's "Save as scenario" both build it here;
 * only the words differ (the CLI's English, the app's language).
 */
import type { FacilityKind, Proposal } from '../schemas/entities';
import type { SuggestedSite } from './suggest_sites';

export type NewProposal = Omit<Proposal, 'id' | 'scenarioId'>;

export interface SuggestionTexts {
  description: string;
  /** The proposal's name (layer sites usually keep theirs: site.name). */
  siteName: (site: SuggestedSite) => string;
  siteNote: (site: SuggestedSite) => string;
}

export interface SuggestionChangeSet {
  name: string;
  description: string;
  proposals: NewProposal[];
}

/**
 * @example suggestionChangeSet(outcome.sites, '最大覆盖 3 处 · 12月7日 09:00', 'day_care', texts)
 */
export function suggestionChangeSet(sites: readonly SuggestedSite[], name: string, kind: FacilityKind, texts: SuggestionTexts): SuggestionChangeSet {
  if (sites.length === 0) throw new Error('the optimiser chose no new site: nothing to save');
  const proposals = [...sites]
    .sort((a, b) => a.rank - b.rank)
    .map(
      (site): NewProposal => ({
        name: texts.siteName(site),
        kind,
        lon: site.lon,
        lat: site.lat,
        capacity: site.capacity,
        beds: null,
        nursingBeds: null,
        floorAreaM2: site.floorAreaM2,
        floorLevel: site.floorLevel === null ? null : Math.round(site.floorLevel),
        targetYear: null,
        note: texts.siteNote(site),
      }),
    );
  return { name, description: texts.description, proposals };
}

/** The kind the new sites get: day-care centres, unless the analysis counts other kinds only. */
export function proposalKind(kinds: readonly FacilityKind[]): FacilityKind {
  return kinds.includes('day_care') || kinds.length === 0 ? 'day_care' : kinds[0];
}

/** How a language names a saved suggestion: "最大覆盖 3 处 · 12月7日 01:47", "Max coverage, 3 sites · Dec 7 01:47". */
export interface ScenarioNameWords {
  /** Template with {{problem}}, {{count}}, {{month}} (1–12), {{monthShort}}, {{day}}, {{time}} (HH:MM). */
  name: string;
  /** The same for one site. */
  nameOne: string;
  monthsShort: readonly string[];
  problems: Readonly<Record<'max-coverage' | 'min-facilities' | 'p-median' | 'p-center' | 'capacitated-max-coverage', string>>;
}

/** The words of both languages: the CLI reads them here, the app through its i18n files (renderer/i18n/*_plan.ts). */
export const SCENARIO_NAME_WORDS: Readonly<Record<'zh' | 'en', ScenarioNameWords>> = {
  zh: {
    name: '{{problem}} {{count}} 处 · {{month}}月{{day}}日 {{time}}',
    nameOne: '{{problem}} 1 处 · {{month}}月{{day}}日 {{time}}',
    monthsShort: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    problems: { 'max-coverage': '最大覆盖', 'min-facilities': '最少设施', 'p-median': '总距离最短', 'p-center': '最远距离最短', 'capacitated-max-coverage': '容量约束覆盖' },
  },
  en: {
    name: '{{problem}}, {{count}} sites · {{monthShort}} {{day}} {{time}}',
    nameOne: '{{problem}}, 1 site · {{monthShort}} {{day}} {{time}}',
    monthsShort: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
    problems: { 'max-coverage': 'Max coverage', 'min-facilities': 'Fewest sites', 'p-median': 'Least total distance', 'p-center': 'Shortest longest distance', 'capacitated-max-coverage': 'Capacitated coverage' },
  },
};

/**
 * A readable default name for a saved suggestion (local time), made unique among `taken` names with
 * " (2)", " (3)", …
 * @example defaultScenarioName('max-coverage', 3, [], new Date(2026, 11, 7, 1, 47), SCENARIO_NAME_WORDS.zh) // '最大覆盖 3 处 · 12月7日 01:47'
 */
export function defaultScenarioName(problem: string, siteCount: number, taken: readonly string[], at: Date = new Date(), words: ScenarioNameWords = SCENARIO_NAME_WORDS.en): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const values: Record<string, string | number> = {
    problem: words.problems[problem as keyof ScenarioNameWords['problems']] ?? problem,
    count: siteCount,
    month: at.getMonth() + 1,
    monthShort: words.monthsShort[at.getMonth()],
    day: at.getDate(),
    time: `${pad(at.getHours())}:${pad(at.getMinutes())}`,
  };
  const base = (siteCount === 1 ? words.nameOne : words.name).replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
  return uniqueName(base, taken);
}

/** `base`, or `base (2)`, `base (3)` … the first not among `taken`. */
export function uniqueName(base: string, taken: readonly string[]): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} (${n})`)) return `${base} (${n})`;
}
