import { useId, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { describeError } from '../../state/describe_error';
import { BASELINE_ID } from '../../workspace/use_scenarios';
import { scenarioDisplayName } from '../../../shared/schemas/scenario_words';
import { useWorkspace } from '../../workspace/workspace_context';
import { ScenarioCompare } from './ScenarioCompare';

type NameMode = { kind: 'create' | 'duplicate' | 'rename'; value: string } | null;

/**
 * Scenarios (规划方案): pick the one to work in; create, duplicate, rename, delete; mark one as the
 * plan; compare two side by side.
 */
export function ScenarioPanel() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { scenarios, edits } = useWorkspace();
  const selectId = useId();
  const nameId = useId();
  const [naming, setNaming] = useState<NameMode>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [comparing, setComparing] = useState(false);
  const nameInput = useRef<HTMLInputElement>(null);
  const current = scenarios.current;
  if (!current) return null;
  const isBaseline = current.id === BASELINE_ID;

  const run = async (task: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await task();
      return true;
    } catch (caught) {
      setError(caught);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const startNaming = (kind: 'create' | 'duplicate' | 'rename') => {
    setConfirmDelete(false);
    const used = new Set(scenarios.scenarios.map((s) => s.name));
    let value = current.name;
    if (kind === 'create') {
      let n = scenarios.scenarios.length;
      do value = t('workspace.scenarios.defaultName', { n: n++ });
      while (used.has(value));
    } else if (kind === 'duplicate') {
      let n = 1;
      do value = t('workspace.scenarios.copyName', { name: scenarioDisplayName(current, t('workspace.scenarios.baselineName')), n: n++ });
      while (used.has(value));
    }
    setProblem(null);
    setNaming({ kind, value });
    requestAnimationFrame(() => nameInput.current?.select());
  };

  const submitName = async (event: FormEvent) => {
    event.preventDefault();
    if (!naming) return;
    const name = naming.value.trim();
    if (!name) return setProblem(t('workspace.scenarios.nameRequired'));
    setProblem(null);
    const done = await run(() =>
      naming.kind === 'create' ? scenarios.create(name) : naming.kind === 'duplicate' ? scenarios.duplicate(current.id, name) : scenarios.rename(current.id, name),
    );
    if (done) setNaming(null);
  };

  return (
    <section className="section" aria-labelledby="scenarios-heading" data-testid="scenario-panel" aria-busy={busy}>
      <h2 id="scenarios-heading">{t('workspace.scenarios.heading')}</h2>
      <label htmlFor={selectId}>{t('workspace.scenarios.current')}</label>
      <select id={selectId} data-testid="scenario-select" value={current.id} onChange={(event) => scenarios.select(event.target.value)}>
        {scenarios.scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {scenarioDisplayName(s, t('workspace.scenarios.baselineName'))}
            {s.isPlan ? ` ★ ${t('workspace.scenarios.plan')}` : ''}
          </option>
        ))}
      </select>
      <p className="muted small scenario-created" data-testid="scenario-created">
        {t('workspace.scenarios.created', { date: new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(current.createdAt)) })}
      </p>
      {current.isPlan && (
        <p className="small plan-badge" data-testid="plan-badge">
          ★ {t('workspace.scenarios.isPlan')}
        </p>
      )}
      <div className="row wrap toolbar" role="toolbar" aria-label={t('workspace.scenarios.tools')}>
        <button type="button" className="chip" data-testid="scenario-new" onClick={() => startNaming('create')} disabled={busy}>
          {t('workspace.scenarios.new')}
        </button>
        <button type="button" className="chip" data-testid="scenario-duplicate" onClick={() => startNaming('duplicate')} disabled={busy}>
          {t('workspace.scenarios.duplicate')}
        </button>
        <button type="button" className="chip" data-testid="scenario-rename" onClick={() => startNaming('rename')} disabled={busy || isBaseline}>
          {t('workspace.scenarios.rename')}
        </button>
        <button type="button" className="chip" data-testid="scenario-delete" onClick={() => setConfirmDelete(true)} disabled={busy || isBaseline}>
          {t('workspace.scenarios.delete')}
        </button>
        <button type="button" className="chip" data-testid="scenario-set-plan" onClick={() => void run(() => scenarios.setPlan(current.id))} disabled={busy || current.isPlan}>
          {t('workspace.scenarios.setPlan')}
        </button>
        <button type="button" className="chip" data-testid="scenario-compare" onClick={() => setComparing(true)} disabled={scenarios.scenarios.length < 2}>
          {t('workspace.scenarios.compare')}
        </button>
      </div>
      {naming && (
        <form className="inline-form" onSubmit={submitName} data-testid="scenario-name-form">
          <label htmlFor={nameId}>{t(`workspace.scenarios.nameFor.${naming.kind}`)}</label>
          <div className="row">
            <input
              id={nameId}
              ref={nameInput}
              type="text"
              maxLength={200}
              data-testid="scenario-name"
              value={naming.value}
              aria-invalid={problem !== null}
              aria-describedby={problem ? `${nameId}-problem` : undefined}
              onChange={(event) => setNaming({ ...naming, value: event.target.value })}
              onKeyDown={(event) => event.key === 'Escape' && setNaming(null)}
            />
            <button type="submit" className="primary" data-testid="scenario-name-ok" disabled={busy}>
              {t('workspace.ok')}
            </button>
            <button type="button" onClick={() => setNaming(null)}>
              {t('workspace.cancel')}
            </button>
          </div>
          {problem && (
            <p id={`${nameId}-problem`} className="field-problem" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
      {confirmDelete && (
        <div className="notice notice-warning" role="alertdialog" aria-labelledby={`${nameId}-delete`} data-testid="scenario-delete-confirm">
          <p id={`${nameId}-delete`}>{t('workspace.scenarios.confirmDelete', { name: current.name, count: edits.proposals.length })}</p>
          <div className="row">
            <button
              type="button"
              className="danger"
              data-testid="scenario-delete-yes"
              onClick={() => void run(() => scenarios.remove(current.id)).then((done) => done && setConfirmDelete(false))}
              disabled={busy}
            >
              {t('workspace.scenarios.deleteYes')}
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)} autoFocus>
              {t('workspace.cancel')}
            </button>
          </div>
        </div>
      )}
      {error !== null && (
        <p className="notice notice-error" role="alert" data-testid="scenario-error">
          {describeError(error, t)}
        </p>
      )}
      {comparing && createPortal(<ScenarioCompare onClose={() => setComparing(false)} />, document.body)}
    </section>
  );
}
