/**
 * The baseline scenario in words, zh and en. Every project has a scenario with id `baseline` (the
 * facilities in service alone; stored with the name "baseline" by the first migration): wherever a
 * scenario is named for a reader — the app's lists, the comparison, the export list, printed maps,
 * the command line's zh output — the baseline goes by these words, never by its stored name.
 */
export const BASELINE_SCENARIO_ID = 'baseline';

export const BASELINE_SCENARIO_WORDS = {
  zh: '现状（仅现状设施）',
  en: 'Baseline (existing facilities only)',
} as const satisfies Record<'zh' | 'en', string>;

/**
 * The name of `scenario` for a reader: the baseline in `baselineName` (the app passes its i18n text),
 * any other scenario by its name.
 * @example scenarioDisplayName({ id: 'baseline', name: 'baseline' }, BASELINE_SCENARIO_WORDS.zh) // '现状（仅现状设施）'
 */
export function scenarioDisplayName(scenario: { id: string; name: string }, baselineName: string): string {
  return scenario.id === BASELINE_SCENARIO_ID ? baselineName : scenario.name;
}
