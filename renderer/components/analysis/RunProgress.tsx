import { useTranslation } from 'react-i18next';
import { useAnalysisFormat } from '../../analysis/analysis_format';
import type { RunPhase } from '../../state/use_worker_run';

/** Progress of a worker run with its Cancel button; nothing when idle. */
export function RunProgress({ phase, progress, onCancel, testId }: { phase: RunPhase; progress: number | null; onCancel: () => void; testId: string }) {
  const { t } = useTranslation();
  const format = useAnalysisFormat();
  if (phase === 'idle') return null;
  const label = phase === 'loading' || progress === null ? t('access.loading') : t('access.computing', { percent: format.percent(progress) });
  return (
    <div className="run-progress" role="status" data-testid={testId} data-phase={phase}>
      <div className="row">
        <span className="spinner" aria-hidden="true" />
        <span className="run-progress-label" data-testid={`${testId}-label`}>
          {label}
        </span>
        <button type="button" onClick={onCancel} data-testid={`${testId}-cancel`}>
          {t('access.cancel')}
        </button>
      </div>
      {/* Indeterminate while loading; a <progress> without value is the native busy bar. */}
      {phase === 'computing' && progress !== null ? (
        <progress className="progress" max={1} value={progress} aria-label={label} />
      ) : (
        <progress className="progress" aria-label={label} />
      )}
    </div>
  );
}
