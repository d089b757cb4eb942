import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/format';
import type { CoverageRun } from '../state/app_context';
import type { QueryState } from '../state/query_store';
import { ErrorNotice } from './ErrorNotice';
import { StudyAreaNote } from './analysis/StudyAreaNote';

/** Figures of the last coverage analysis: older people (60+) first, then population and cells. */
export function CoveragePanel({ coverage }: { coverage: QueryState<CoverageRun> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const result = coverage.data;
  const uncovered = result ? Math.max(0, result.elderly.total - result.elderly.covered) : 0;
  const ratio = result?.elderly.ratio ?? null;
  return (
    <section className="section" aria-labelledby="coverage-heading" aria-busy={coverage.loading} data-testid="coverage-panel">
      <h2 id="coverage-heading">{t('coverage.heading')}</h2>
      {coverage.loading && (
        <p className="status" role="status" data-testid="coverage-running">
          <span className="spinner" aria-hidden="true" />
          {t('coverage.running')}
        </p>
      )}
      <ErrorNotice error={coverage.error} testId="coverage-error" />
      {!result && !coverage.loading && !coverage.error && <p className="muted">{t('coverage.noResult')}</p>}
      {result && (
        <div className={coverage.loading ? 'figures stale' : 'figures'}>
          {result.studyArea && <StudyAreaNote summary={result.studyArea} testId="coverage-study-area" />}
          <div className="figure figure-main">
            <span className="figure-label">{t('coverage.elderlyCovered')}</span>
            <span className="figure-value" data-testid="coverage-elderly-covered">
              {format.count(result.elderly.covered)}
            </span>
            <span className="figure-sub" data-testid="coverage-elderly-total">
              {t('coverage.of', { total: format.count(result.elderly.total) })}
            </span>
          </div>
          <div className="figure figure-main">
            <span className="figure-label">{t('coverage.ratio')}</span>
            <span className="figure-value" data-testid="coverage-ratio">
              {format.percent(ratio)}
            </span>
            <div
              className="bar"
              role="meter"
              aria-label={t('coverage.ratio')}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={ratio === null ? 0 : Math.round(ratio * 1000) / 10}
            >
              <div className="bar-fill" style={{ width: `${Math.min(100, (ratio ?? 0) * 100)}%` }} />
            </div>
          </div>
          <dl className="facts">
            <dt>{t('coverage.uncovered')}</dt>
            <dd data-testid="coverage-elderly-uncovered">{format.count(uncovered)}</dd>
            <dt>{t('coverage.populationCovered')}</dt>
            <dd data-testid="coverage-population" data-imported={String(result.populationImported !== false)}>
              {result.populationImported === false
                ? t('populationNote.notImported')
                : `${format.count(result.population.covered)} / ${format.count(result.population.total)} (${format.percent(result.population.ratio)})`}
            </dd>
            <dt>{t('coverage.cells')}</dt>
            <dd data-testid="coverage-cells">
              {format.count(result.cells.covered)} / {format.count(result.cells.total)}
            </dd>
            <dt>{t('coverage.facilities')}</dt>
            <dd data-testid="coverage-facilities">{format.count(result.facilities)}</dd>
            <dt>{t('coverage.radius')}</dt>
            <dd data-testid="coverage-radius">{format.metres(result.radiusM)}</dd>
          </dl>
          {result.facilities === 0 && <p className="muted">{t('coverage.noFacilities')}</p>}
          <p className="muted small">{t('coverage.method')}</p>
        </div>
      )}
    </section>
  );
}
