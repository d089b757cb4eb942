import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilityKind, Scenario } from '../../../shared/schemas/entities';
import { useAnalysisFormat, type AnalysisFormatters } from '../../analysis/analysis_format';
import { defaultScenarioName, proposalKind, SCENARIO_NAME_WORDS } from '../../../shared/usecases/save_suggestion';
import { siteName as placeName, siteNameWords, type SitePlace } from '../../../shared/usecases/site_names';
import { noteCause } from '../../../shared/optimize/optimizer_notes';
import { EXCLUSION_REASONS } from '../../../shared/optimize/candidate_filter';
import { StudyAreaNote } from './StudyAreaNote';
import { saveSuggestion } from '../../analysis/save_suggestion';
import type { SuggestResult as Suggestion } from '../../analysis/use_site_suggestion';
import { KEYS, useServices } from '../../state/app_context';
import type { SuggestedSite } from '../../workers/optimize_task';
import { SCENARIOS_KEY } from '../../workspace/use_scenarios';
import { ErrorNotice } from '../ErrorNotice';

/** A cost in the run's unit: metres (circle) or minutes of walking (network). */
function cost(value: number, unit: 'm' | 'min', format: AnalysisFormatters): string {
  return unit === 'm' ? format.metres(value) : format.minutes(value);
}

/**
 * The optimiser's answer: the sites with their marginal gains (how much worse the goal gets without
 * that site alone), objective, bound, gap, whether it is proven optimal, time, and "Save as scenario".
 */
export function SuggestResult({
  suggestion,
  scenarios,
  kinds,
  onSaved,
  onShowSite,
}: {
  suggestion: Suggestion;
  scenarios: readonly Scenario[];
  kinds: readonly FacilityKind[];
  onSaved: (scenario: Scenario) => void;
  onShowSite: (site: SuggestedSite) => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'zh' ? 'zh' : 'en';
  const format = useAnalysisFormat();
  const { api, store } = useServices();
  const id = useId();
  const { task } = suggestion;
  const { result } = task;
  const problemKind = result.problem;
  const unit = task.costUnit;
  const nameOf = () => defaultScenarioName(task.result.problem, task.sites.length, scenarios.map((s) => s.name), new Date(), SCENARIO_NAME_WORDS[language]);
  const [name, setName] = useState(nameOf);
  // The default name follows the UI language until the planner edits it.
  const [nameEdited, setNameEdited] = useState(false);
  // Where each site is (nearest named road, finest area), for readable names of grid sites.
  const [places, setPlaces] = useState<SitePlace[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<{ name: string; count: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  // A new result gets a new default name and can be saved again.
  useEffect(() => {
    setSaved(null);
    setError(null);
    setName(nameOf());
    setNameEdited(false);
    setPlaces(null);
    let live = true;
    const sites = [...task.sites].sort((a, b) => a.rank - b.rank);
    api['suggestion:site-places']({ sites: sites.map(({ lon, lat }) => ({ lon, lat })) }).then(
      (reply) => live && setPlaces(reply.places),
      // Without places the sites keep their plain numbered names.
      () => live && setPlaces(sites.map(() => ({ road: null, roadEn: null, area: null }))),
    );
    return () => {
      live = false;
    };
    // Only a new result resets the form; the list of names may change after saving.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [task]);

  useEffect(() => {
    if (!nameEdited && saved === null) setName(nameOf());
    // Only a change of language re-words an untouched default name.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [language]);

  const words = siteNameWords(language);
  const siteName = (site: SuggestedSite) =>
    site.name ?? (places ? placeName(places[site.rank - 1] ?? { road: null, roadEn: null, area: null }, site.rank, words, language === 'en') : t('suggest.gridCell', { id: site.id }));
  const gain = (value: number | null): string => {
    if (value === null) return t('suggest.gainUnreached');
    if (result.problem === 'p-median') return t('suggest.gainMedian', { value: format.decimal(value, 0), unit: unit === 'm' ? 'm' : 'min' });
    if (result.problem === 'p-center') return t('suggest.gainCenter', { value: cost(value, unit, format) });
    if (result.problem === 'capacitated-max-coverage') return t('suggest.gainCapacitated', { value: format.count(value) });
    return t('suggest.gainCoverage', { value: format.count(value) });
  };
  const objective = (value: number): string => {
    if (result.problem === 'p-center') return cost(value, unit, format);
    if (result.problem === 'p-median') return format.decimal(value, 0);
    return format.count(value);
  };
  // Each note said in the app's language; unrecognised ones once, as "a further technical note".
  const causes = task.notes.map(noteCause);
  const notes = [...causes.filter((c) => c.known), ...causes.filter((c) => !c.known).slice(0, 1)];
  const excludedReasons = EXCLUSION_REASONS.flatMap((reason) => {
    const count = task.candidates.excluded[reason] ?? 0;
    return count > 0 ? [[reason, count] as const] : [];
  });
  const threshold = suggestion.params.mode === 'network' ? format.minutes(suggestion.params.minutes) : format.metres(suggestion.params.radiusM);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setSaving(true);
    setError(null);
    try {
      const problem = t(`suggest.problems.${problemKind}`);
      const { scenario, count } = await saveSuggestion(api, task, trimmed, proposalKind(kinds), {
        description: t('suggest.scenarioDescription', { problem, threshold, candidates: t(task.candidates.source === 'grid' ? 'suggest.candidatesGrid' : 'suggest.candidates') }),
        siteName,
        siteNote: (site) => t('suggest.proposalNote', { problem: SCENARIO_NAME_WORDS[language].problems[result.problem], rank: site.rank, count: task.sites.length, id: site.id, gain: gain(site.marginalGain) }),
      });
      store.invalidate(SCENARIOS_KEY, KEYS.project, KEYS.coveragePrefix, KEYS.layer('proposals'));
      setSaved({ name: scenario.name, count });
      onSaved(scenario);
    } catch (caught) {
      setError(caught);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="subsection" data-testid="suggest-result" data-objective={result.objective} data-sites={task.sites.length}>
      <h3>{t('suggest.resultHeading')}</h3>
      {task.studyArea && <StudyAreaNote summary={task.studyArea} testId="suggest-study-area" />}
      <div className="table-scroll">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('suggest.site')}</th>
              <th scope="col" className="num" title={t('suggest.gainHint')}>
                {t('suggest.gain')}
              </th>
            </tr>
          </thead>
          <tbody>
            {task.sites.map((site) => (
              <tr key={site.id} data-testid="suggest-site" data-id={site.id} data-gain={site.marginalGain ?? ''}>
                <th scope="row">{site.rank}</th>
                <td className="name">
                  <button type="button" className="link" aria-label={t('suggest.show', { rank: site.rank })} onClick={() => onShowSite(site)}>
                    {siteName(site)}
                  </button>
                </td>
                <td className="num">{gain(site.marginalGain)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="facts" data-testid="suggest-figures">
        <dt>{t(`suggest.objectives.${problemKind}`)}</dt>
        <dd data-testid="suggest-objective">{objective(result.objective)}</dd>
        <dt>{t('suggest.bound')}</dt>
        <dd data-testid="suggest-bound">{objective(result.bound)}</dd>
        <dt>{t('suggest.gap')}</dt>
        <dd data-testid="suggest-gap">{format.finePercent(result.gap)}</dd>
        <dt>{t('suggest.exact')}</dt>
        <dd data-testid="suggest-exact">{result.exact ? t('common.yes') : t('common.no')}</dd>
        {(result.problem === 'p-median' || result.problem === 'p-center' || result.problem === 'min-facilities') && (
          <>
            <dt>{t('suggest.coverage')}</dt>
            <dd>
              {format.count(result.covered.weight)} ({format.percent(result.covered.ratio)})
            </dd>
          </>
        )}
        {(result.problem === 'max-coverage' || result.problem === 'capacitated-max-coverage') && (
          <>
            <dt>{t('access.shareHint')}</dt>
            <dd>{format.percent(result.covered.ratio)}</dd>
          </>
        )}
        {result.meanCost !== null && (
          <>
            <dt>{t('suggest.meanCost')}</dt>
            <dd>{cost(result.meanCost, unit, format)}</dd>
          </>
        )}
        <dt>{t('suggest.seconds')}</dt>
        <dd data-testid="suggest-seconds">{format.seconds(task.seconds)}</dd>
      </dl>
      <p className="muted small" data-testid="suggest-candidates">
        {t('suggest.candidatesUsed', { eligible: format.count(task.candidates.eligible), considered: format.count(task.candidates.considered), existing: format.count(task.existing) })}
      </p>
      {excludedReasons.length > 0 && (
        <div className="small" data-testid="suggest-excluded">
          <span>{t('plan.exclusions.heading')}</span>
          <ul className="suggest-exclusions-list">
            {excludedReasons.map(([reason, count]) => (
              <li key={reason} data-testid="suggest-excluded-reason" data-reason={reason} data-count={count}>
                {t('plan.exclusions.row', { reason: t(`plan.exclusions.reasons.${reason}`), sites: format.count(count) })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {notes.length > 0 && (
        <details className="small" data-testid="suggest-notes">
          <summary>{t('suggest.notes')}</summary>
          <ul>
            {notes.map((note, n) => (
              <li key={n} data-reason={note.reason}>
                {t(`errors.known.${note.reason}`, note.params)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <form onSubmit={save} className="stack save-form">
        <label htmlFor={`${id}-name`}>{t('suggest.scenarioName')}</label>
        <div className="row">
          <input
            id={`${id}-name`}
            type="text"
            className="grow"
            maxLength={200}
            data-testid="suggest-scenario-name"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setNameEdited(true);
            }}
          />
          <button type="submit" data-testid="suggest-save" disabled={saving || saved !== null || name.trim() === ''}>
            {saving ? t('suggest.saving') : t('suggest.save')}
          </button>
        </div>
      </form>
      <ErrorNotice error={error} testId="suggest-save-error" />
      {saved && (
        <p className="notice notice-ok" role="status" data-testid="suggest-saved">
          {t('suggest.saved', { name: saved.name, count: saved.count })}
        </p>
      )}
    </div>
  );
}
