import { useTranslation } from 'react-i18next';
import type { LayerName } from '../../../shared/schemas/entities';
import type { ProjectInfo } from '../../state/app_context';

type Step = { id: string; layer: LayerName | null; action: 'import' | 'analyse' };

const STEPS: readonly Step[] = [
  { id: 'population', layer: 'population', action: 'import' },
  { id: 'facilities', layer: 'facilities', action: 'import' },
  { id: 'boundaries', layer: 'boundaries', action: 'import' },
  { id: 'analyse', layer: null, action: 'analyse' },
];

/** Whether a project still lacks what every analysis needs (population grid or facilities). */
export function needsData(info: NonNullable<ProjectInfo>): boolean {
  return (info.counts.population ?? 0) === 0 || (info.counts.facilities ?? 0) === 0;
}

/**
 * The getting-started card of a project without population or facilities: what to do next, one
 * button per step (the import panel in Data, or the Analyse tab), each step ticked by the project's
 * layer counts, so it follows imports made here, by the CLI or in another window.
 */
export function GettingStarted({ info, onImport, onAnalyse }: { info: NonNullable<ProjectInfo>; onImport: () => void; onAnalyse: () => void }) {
  const { t } = useTranslation();
  const done = (step: Step) => step.layer !== null && (info.counts[step.layer] ?? 0) > 0;
  // The first step not done yet gets the emphasis (the analysis step once both data layers are in).
  const next = STEPS.find((step) => !done(step) && (step.layer !== 'boundaries' || !needsData(info)));
  return (
    <section className="section getting-started" aria-labelledby="getting-started-heading" data-testid="getting-started">
      <h2 id="getting-started-heading">{t('shell.start.heading')}</h2>
      <p className="muted small">{t('shell.start.intro')}</p>
      <ol className="start-steps">
        {STEPS.map((step) => {
          const isDone = done(step);
          return (
            <li key={step.id} className={isDone ? 'start-step start-step-done' : step === next ? 'start-step start-step-next' : 'start-step'} data-testid={`start-step-${step.id}`} data-done={String(isDone)}>
              <span className="start-check" aria-hidden="true">{isDone ? '✓' : ''}</span>
              <span className="start-text">
                {t(`shell.start.${step.id as 'population'}`)}
                <span className="visually-hidden"> ({isDone ? t('shell.start.done') : t('shell.start.todo')})</span>
              </span>
              {!isDone && (
                <button
                  type="button"
                  className={step === next ? 'primary small-button' : 'small-button'}
                  data-testid={`start-action-${step.id}`}
                  onClick={step.action === 'import' ? onImport : onAnalyse}
                >
                  {step.action === 'import' ? t('shell.start.importAction') : t('shell.start.analyseAction')}
                </button>
              )}
            </li>
          );
        })}
      </ol>
      <p className="muted small">{t('shell.start.sampleHint')}</p>
    </section>
  );
}
