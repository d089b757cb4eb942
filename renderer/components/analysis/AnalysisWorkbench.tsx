import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULTS } from '../../../shared/settings/siting_settings';
import type { FacilityKind, Scenario } from '../../../shared/schemas/entities';
import { useAnalysisFormat } from '../../analysis/analysis_format';
import { rememberAnalysis } from '../../analysis/last_analysis';
import { useAccessibility, type AccessibilityParams } from '../../analysis/use_accessibility';
import { useAnalysisMap } from '../../analysis/use_analysis_map';
import { useSiteSuggestion, type SuggestParams } from '../../analysis/use_site_suggestion';
import type { MapController } from '../../map/map_controller';
import type { ProjectInfo } from '../../state/app_context';
import '../../styles/analysis.css';
import { useWorkspace } from '../../workspace/workspace_context';
import { ErrorNotice } from '../ErrorNotice';
import { AccessibilityFigures } from './AccessibilityFigures';
import { AccessibilityForm, type FormParams } from './AccessibilityForm';
import { AnalysisLegend } from './AnalysisLegend';
import { AreaTable } from './AreaTable';
import { GapList } from './GapList';
import { RunProgress } from './RunProgress';
import { SuggestForm, type SuggestFormParams } from './SuggestForm';
import { StudyAreaChooser } from './StudyAreaChooser';
import { StudyAreaNote } from './StudyAreaNote';
import { useStudyArea } from '../../analysis/use_study_area';
import '../../styles/plan.css';
import { SuggestResult } from './SuggestResult';
import { largestThreshold, thresholdTextOf } from './threshold_text';

/** What a run asks for: the form's parameters with the facility kinds chosen above. */
type RunParams = AccessibilityParams & Pick<FormParams, 'networkM' | 'stepsFactor'>;

const NO_AREAS: string[] = [];

/**
 * The accessibility analysis and the site suggestion, with their results in the panel and on the
 * map. Both run in their own worker; the facility kinds are those chosen above, the scenario is the
 * workspace's (the one the planner works in), and saved suggestions become the workspace's scenario.
 */
export function AnalysisWorkbench({ info, controller, kinds }: { info: NonNullable<ProjectInfo>; controller: MapController | null; kinds: FacilityKind[] }) {
  const { t } = useTranslation();
  const hasBoundaries = (info.counts.boundaries ?? 0) > 0;
  const studyArea = useStudyArea(true);
  // The stored ids, also those the boundaries layer no longer has: a run then refuses with the
  // same reason as the coverage panel and the CLI (never quietly the whole project).
  const studyAreaIds = studyArea.info.data?.areaIds ?? NO_AREAS;
  const format = useAnalysisFormat();
  const accessibility = useAccessibility();
  const suggestion = useSiteSuggestion();
  const { scenarios: scenarioState } = useWorkspace();
  const scenarios = scenarioState.scenarios;
  const scenario = scenarioState.current?.id ?? null;
  const { select: selectScenario } = scenarioState;
  const [selectedGap, setSelectedGap] = useState<number | null>(null);
  const lastParams = useRef<RunParams | null>(null);
  const access = accessibility.state;
  const suggest = suggestion.state;
  const overlay = useAnalysisMap(controller, access.result, suggest.result, selectedGap);

  // Another project: the results belonged to the old one.
  const { cancel: cancelAccess, clear: clearAccess } = accessibility;
  const { cancel: cancelSuggest, clear: clearSuggest } = suggestion;
  useEffect(() => {
    return () => {
      cancelAccess();
      clearAccess();
      cancelSuggest();
      clearSuggest();
      lastParams.current = null;
    };
  }, [info.path, cancelAccess, clearAccess, cancelSuggest, clearSuggest]);
  useEffect(() => setSelectedGap(null), [access.result]);

  const { start: startAccess } = accessibility;
  const runAnalysis = useCallback(
    (params: FormParams) => {
      const full: RunParams = { ...params, kinds, studyArea: studyAreaIds };
      lastParams.current = full;
      rememberAnalysis(info.path, full);
      void startAccess(full);
    },
    [info.path, kinds, startAccess, studyAreaIds],
  );

  const { start: startSuggest } = suggestion;
  const runSuggestion = useCallback(
    (params: SuggestFormParams) => void startSuggest({ ...params, kinds, studyArea: studyAreaIds } satisfies SuggestParams),
    [kinds, startSuggest, studyAreaIds],
  );

  /** After saving the sites as a scenario, count it and analyse again so the figures include them. */
  const onSaved = useCallback(
    (saved: Scenario) => {
      selectScenario(saved.id);
      const used = suggest.result?.params;
      const base: RunParams = lastParams.current ?? {
        mode: used?.mode ?? 'circle',
        radiiM: [used?.radiusM ?? DEFAULTS.radiusM],
        minutes: [used?.minutes ?? DEFAULTS.minutes],
        networkM: [],
        speedMps: used?.speedMps ?? DEFAULTS.speedMps,
        stepsFactor: DEFAULTS.stepsFactor,
        maxSnapM: used?.maxSnapM ?? DEFAULTS.maxSnapM,
        capacity: false,
        uptakeRate: DEFAULTS.uptakeRate,
        gaps: true,
        byArea: false,
        kinds,
        scenario: null,
      };
      const next = { ...base, kinds, scenario: saved.id, studyArea: studyAreaIds };
      lastParams.current = next;
      rememberAnalysis(info.path, next);
      void startAccess(next);
    },
    [info.path, kinds, selectScenario, startAccess, suggest.result, studyAreaIds],
  );

  const hasRoads = (info.counts.roads ?? 0) > 0;
  const staleArea = (ids: readonly string[] | undefined) => (ids ?? []).join() !== studyAreaIds.join();
  const result = access.result;
  const summary = result?.task.summary ?? null;
  const shown = (label: string) => thresholdTextOf(summary?.thresholds ?? [], label, format);
  const largestLabel = summary ? largestThreshold(summary.thresholds).label : '';

  return (
    <>
      <StudyAreaChooser studyArea={studyArea} hasBoundaries={hasBoundaries} />
      <section className="section" aria-labelledby="access-heading" data-testid="access-panel" data-phase={access.phase}>
        <h2 id="access-heading">{t('access.heading')}</h2>
        <p className="muted small">{t('access.intro')}</p>
        <AccessibilityForm
          hasRoads={hasRoads}
          hasBoundaries={hasBoundaries}
          scenarios={scenarios}
          scenario={scenario}
          onScenario={selectScenario}
          busy={access.phase !== 'idle'}
          onRun={runAnalysis}
        />
        <RunProgress phase={access.phase} progress={access.progress} onCancel={accessibility.cancel} testId="access-progress" />
        <ErrorNotice error={access.error} testId="access-error" />
        {!result && access.phase === 'idle' && !access.error && <p className="muted">{t('access.noResult')}</p>}
        {result && summary && (
          <>
            {access.phase === 'idle' && (result.params.scenario !== scenario || result.params.kinds.join() !== kinds.join() || staleArea(result.params.studyArea)) && (
              <p className="notice notice-warning" data-testid="access-stale">
                {t('access.stale')}
              </p>
            )}
            {summary.studyArea && <StudyAreaNote summary={summary.studyArea} testId="access-study-area" />}
            <AccessibilityFigures result={result} stale={access.phase !== 'idle'} />
            {summary.gaps && <GapList gaps={summary.gaps} threshold={shown(largestLabel)} selected={selectedGap} onSelect={setSelectedGap} />}
            {summary.areas && <AreaTable areas={summary.areas} thresholds={summary.thresholds.map((item) => ({ label: item.label, shown: shown(item.label) }))} />}
            <button type="button" className="link" data-testid="access-clear" onClick={clearAccess}>
              {t('access.clear')}
            </button>
          </>
        )}
      </section>
      <section className="section" aria-labelledby="suggest-heading" data-testid="suggest-panel" data-phase={suggest.phase}>
        <h2 id="suggest-heading">{t('suggest.heading')}</h2>
        <p className="muted small">{t('suggest.intro')}</p>
        <SuggestForm hasRoads={hasRoads} candidateCount={info.counts.candidates ?? 0} busy={suggest.phase !== 'idle'} onRun={runSuggestion} studyAreaSet={studyAreaIds.length > 0} />
        <RunProgress phase={suggest.phase} progress={suggest.progress} onCancel={suggestion.cancel} testId="suggest-progress" />
        <ErrorNotice error={suggest.error} testId="suggest-error" />
        {suggest.result && (
          <SuggestResult suggestion={suggest.result} scenarios={scenarios} kinds={kinds} onSaved={onSaved} onShowSite={(site) => overlay?.showSite(site)} />
        )}
      </section>
      <AnalysisLegend controller={controller} accessibility={result} suggestion={suggest.result} />
    </>
  );
}
