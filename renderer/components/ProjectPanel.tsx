import { useTranslation } from 'react-i18next';
import { LAYER_NAMES } from '../../shared/schemas/entities';
import { useFormatters } from '../i18n/format';
import type { ProjectInfo } from '../state/app_context';
import type { QueryState } from '../state/query_store';
import { ErrorNotice } from './ErrorNotice';
import { IllustrativeNote } from './IllustrativeNote';
import { PopulationNote } from './PopulationNote';

/** Name, file and layer counts of the open project (or how to get one). */
export function ProjectPanel({ project }: { project: QueryState<ProjectInfo> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const info = project.data;
  return (
    <section className="section" aria-labelledby="project-heading">
      <h2 id="project-heading">{t('project.heading')}</h2>
      {project.loading && !info && <p className="muted">{t('common.loading')}</p>}
      <ErrorNotice error={project.error} testId="project-error" />
      {!project.loading && !project.error && !info && (
        <div data-testid="no-project">
          <p>{t('project.noProject')}</p>
          <p className="muted">{t('project.noProjectHint')}</p>
        </div>
      )}
      {info && (
        <>
          <dl className="facts">
            <dt>{t('project.name')}</dt>
            <dd data-testid="project-name">{info.name}</dd>
            <dt>{t('project.path')}</dt>
            <dd className="path" data-testid="project-path" title={info.path}>
              {info.path}
            </dd>
          </dl>
          <details className="layer-counts">
            <summary>{t('project.layers')}</summary>
            <ul>
              {LAYER_NAMES.map((layer) => (
                <li key={layer} data-testid={`layer-count-${layer}`}>
                  {t(`layers.${layer}`)}: {format.count(info.counts[layer] ?? 0)}
                </li>
              ))}
            </ul>
          </details>
          <PopulationNote note={info.populationNote} />
          <IllustrativeNote names={info.illustrative} />
        </>
      )}
    </section>
  );
}
