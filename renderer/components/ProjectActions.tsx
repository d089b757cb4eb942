import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectInfo } from '../../shared/ipc/contract';
import { useAppInfo, useProject, useRecentProjects, useServices } from '../state/app_context';
import { ErrorNotice } from './ErrorNotice';

type Mode = 'new' | 'open' | 'saveAs';

/**
 * New / Open / Save As and the recent projects. Electron uses the system dialogs; in a browser the
 * user types a name or a path inside the host's project folders, which the form names.
 */
export function ProjectActions({ open = false }: { open?: boolean } = {}) {
  const { t } = useTranslation();
  const { api, store } = useServices();
  const appInfo = useAppInfo().data;
  const dialogs = appInfo?.dialogs === true;
  const folders = appInfo?.projectFolders ?? [];
  const project = useProject().data;
  const hasProject = project !== null && project !== undefined;
  // Open by default when there is certainly no project, or when it is the whole of the Project tab's
  // first section (`open`); afterwards the user decides.
  const [expanded, setExpanded] = useState(open);
  useEffect(() => {
    if (project === null) setExpanded(true);
  }, [project]);
  const recent = useRecentProjects();
  const id = useId();
  const [mode, setMode] = useState<Mode>('new');
  const [path, setPath] = useState('');
  const [withSample, setWithSample] = useState(true);
  const [overwrite, setOverwrite] = useState(false);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // What the last action opened, shown while that project is the open one (not after another switch).
  const [done, setDone] = useState<{ path: string; text: string } | null>(null);

  /**
   * Runs a project switch; afterwards every cached query belongs to the old project. They are
   * invalidated, not dropped: the old figures stay on screen (dimmed) until the new ones arrive.
   */
  const run = async (action: () => Promise<ProjectInfo | null>) => {
    setRunning(true);
    setError(null);
    setDone(null);
    try {
      const info = await action();
      if (info) {
        store.invalidate('');
        setDone({ path: info.path, text: t('project.opened', { name: info.name }) });
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(false);
    }
  };

  const act = (which: Mode, target: string) => {
    if (which === 'new') return api['project:create']({ path: target, sample: withSample ? 'wuhan-core' : undefined, force: overwrite || undefined });
    if (which === 'open') return api['project:open']({ path: target });
    return api['project:save-as']({ path: target, force: overwrite || undefined });
  };

  const withDialog = (which: Mode) =>
    run(async () => {
      const picked =
        which === 'open'
          ? await api['dialog:file:open']({ purpose: 'project' })
          : await api['dialog:file:save']({ purpose: 'project', defaultName: which === 'new' ? 'project.gpkg' : undefined });
      if (!picked.path) return null;
      if (which === 'new') return api['project:create']({ path: picked.path, sample: withSample ? 'wuhan-core' : undefined, force: true });
      // The save dialog already asked before replacing an existing file.
      return which === 'open' ? api['project:open']({ path: picked.path }) : api['project:save-as']({ path: picked.path, force: true });
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = path.trim();
    if (target) void run(() => act(mode, target));
  };

  const modes: Mode[] = hasProject ? ['new', 'open', 'saveAs'] : ['new', 'open'];
  const modeLabel = { new: t('project.new'), open: t('project.open'), saveAs: t('project.saveAs') };
  const submitLabel = { new: t('project.submitNew'), open: t('project.submitOpen'), saveAs: t('project.submitSaveAs') };

  return (
    <details className="section" open={expanded} onToggle={(e) => setExpanded(e.currentTarget.open)} data-testid="project-actions-section">
      <summary>
        <h2>{t('project.actions')}</h2>
      </summary>
      {dialogs ? (
        <div className="stack">
          <label className="check">
            <input type="checkbox" checked={withSample} onChange={(e) => setWithSample(e.target.checked)} />
            {t('project.withSample')}
          </label>
          <div className="row wrap">
            {modes.map((which) => (
              <button key={which} type="button" disabled={running} onClick={() => void withDialog(which)} data-testid={`project-${which}`}>
                {modeLabel[which]}
              </button>
            ))}
          </div>
        </div>
      ) : (
        <form className="stack" onSubmit={submit} aria-busy={running}>
          <div className="segmented" role="radiogroup" aria-label={t('project.actions')}>
            {modes.map((which) => (
              <label key={which} className={mode === which ? 'segment segment-active' : 'segment'}>
                <input type="radio" name={`${id}-mode`} value={which} checked={mode === which} onChange={() => setMode(which)} data-testid={`project-mode-${which}`} />
                {modeLabel[which]}
              </label>
            ))}
          </div>
          <label htmlFor={`${id}-path`}>{t('project.pathLabel')}</label>
          <input
            id={`${id}-path`}
            type="text"
            data-testid="project-path-input"
            value={path}
            required
            spellCheck={false}
            placeholder={t('project.pathPlaceholder')}
            aria-describedby={folders.length ? `${id}-folders` : undefined}
            onChange={(e) => setPath(e.target.value)}
          />
          {folders.length > 0 && (
            <p id={`${id}-folders`} className="muted small" data-testid="project-folders">
              {t(folders.length === 1 ? 'project.foldersHint' : 'project.foldersHintMany', { folders: folders.join(', '), first: folders[0] })}
            </p>
          )}
          {mode === 'new' && (
            <label className="check">
              <input type="checkbox" checked={withSample} onChange={(e) => setWithSample(e.target.checked)} data-testid="project-with-sample" />
              {t('project.withSample')}
            </label>
          )}
          {mode !== 'open' && (
            <label className="check">
              <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
              {t('project.overwrite')}
            </label>
          )}
          <button type="submit" className="primary" disabled={running} aria-busy={running} data-testid="project-submit">
            {running && <span className="spinner" aria-hidden="true" />}
            {running ? t('project.working') : submitLabel[mode]}
          </button>
        </form>
      )}
      <ErrorNotice error={error} testId="project-action-error" />
      {done && done.path === project?.path && (
        <p className="notice notice-ok" role="status">
          {done.text}
        </p>
      )}
      <h3>{t('project.recent')}</h3>
      {recent.data && recent.data.length === 0 && <p className="muted">{t('project.recentEmpty')}</p>}
      <ul className="recent" data-testid="recent-projects">
        {(recent.data ?? []).map((recentPath) => (
          <li key={recentPath}>
            <button type="button" className="link" title={recentPath} disabled={running} onClick={() => void run(() => api['project:open']({ path: recentPath }))}>
              {recentPath}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
