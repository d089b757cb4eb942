import { useTranslation } from 'react-i18next';
import '../../styles/workspace.css';
import { FACILITY_KIND_COLORS } from '../../../shared/map_style/facility_style';
import { describeError } from '../../state/describe_error';
import { useWorkspace } from '../../workspace/workspace_context';
import { LiveFigures } from './LiveFigures';
import { ProposalForm } from './ProposalForm';

/**
 * Proposals of the current scenario: place on the map (or at the map's centre, for the keyboard),
 * undo/redo, the list, the selected proposal's form and the live figures.
 */
export function ProposalPanel() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { edits, editable, placing, selectedId } = workspace;
  const selected = edits.proposals.find((p) => p.id === selectedId) ?? null;
  const undoLabel = edits.undoEntry ? t('workspace.history.undoWhat', { action: t(`workspace.actions.${actionKey(edits.undoEntry.action)}`), name: edits.undoEntry.subject }) : t('workspace.history.undo');
  const redoLabel = edits.redoEntry ? t('workspace.history.redoWhat', { action: t(`workspace.actions.${actionKey(edits.redoEntry.action)}`), name: edits.redoEntry.subject }) : t('workspace.history.redo');

  // The centre in WGS84: over a GCJ-02 basemap the camera's own centre is ~500 m off the data.
  const addAtCentre = () => {
    const centre = workspace.controller?.centerWgs84();
    if (centre) void workspace.addAt(centre[0], centre[1]);
  };

  return (
    <section className="section" aria-labelledby="proposals-heading" data-testid="proposal-panel">
      <h2 id="proposals-heading">
        {t('workspace.proposals.heading')} <span className="muted">({edits.proposals.length})</span>
      </h2>
      {!editable && <p className="notice notice-warning small" data-testid="baseline-hint">{t('workspace.proposals.baselineHint')}</p>}
      {editable && (
        <div className="row wrap toolbar" role="toolbar" aria-label={t('workspace.proposals.tools')}>
          <button
            type="button"
            className={placing ? 'chip chip-active' : 'chip'}
            aria-pressed={placing}
            data-testid="proposal-place"
            onClick={() => workspace.setPlacing(!placing)}
          >
            {placing ? t('workspace.proposals.placing') : t('workspace.proposals.place')}
          </button>
          <button type="button" className="chip" data-testid="proposal-add-centre" onClick={addAtCentre} disabled={!workspace.controller}>
            {t('workspace.proposals.addAtCentre')}
          </button>
          <button type="button" className="chip" data-testid="undo" onClick={() => void edits.undo()} disabled={!edits.undoEntry} title={`${undoLabel} (Ctrl+Z)`} aria-keyshortcuts="Control+Z">
            ↶ {t('workspace.history.undo')}
          </button>
          <button type="button" className="chip" data-testid="redo" onClick={() => void edits.redo()} disabled={!edits.redoEntry} title={`${redoLabel} (Ctrl+Shift+Z)`} aria-keyshortcuts="Control+Shift+Z">
            ↷ {t('workspace.history.redo')}
          </button>
        </div>
      )}
      {placing && <p className="muted small" role="status">{t('workspace.proposals.placeHint')}</p>}
      <p className="muted small save-status" role="status" aria-live="polite" data-testid="save-status" data-saving={edits.saving > 0}>
        {edits.saving > 0 ? t('workspace.proposals.saving') : edits.savedAt !== null ? t('workspace.proposals.saved') : ''}
      </p>
      {edits.error !== null && edits.error !== undefined && (
        <div className="notice notice-error" role="alert" data-testid="proposal-error">
          <p>{describeError(edits.error, t)}</p>
          <button type="button" className="link" onClick={edits.clearError}>
            {t('workspace.dismiss')}
          </button>
        </div>
      )}
      {edits.proposals.length > 0 && (
        <ul className="proposal-list" data-testid="proposal-list">
          {edits.proposals.map((p) => (
            <li key={p.id} className={p.id === selectedId ? 'selected' : undefined}>
              <button
                type="button"
                className="link"
                aria-current={p.id === selectedId ? 'true' : undefined}
                onClick={() => {
                  workspace.select(p.id);
                  workspace.controller?.easeToWgs84(p.lon, p.lat, { minZoom: 14, duration: 300 });
                }}
              >
                <span className="swatch swatch-dot proposal-dot" style={{ background: FACILITY_KIND_COLORS[p.kind] }} aria-hidden="true" />
                {p.name || t('workspace.proposals.unnamed')}
              </button>
              <span className="muted small"> · {t(`kinds.${p.kind}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {edits.proposals.length === 0 && !edits.loading && <p className="muted small">{editable ? t('workspace.proposals.none') : t('workspace.proposals.noneBaseline')}</p>}
      {selected && (
        <div className="proposal-editor">
          <h3>{t('workspace.form.heading', { name: selected.name || t('workspace.proposals.unnamed') })}</h3>
          <ProposalForm proposal={selected} readOnly={!editable} />
        </div>
      )}
      <LiveFigures />
    </section>
  );
}

/** "proposal:move" → "move" (the i18n key under workspace.actions). */
function actionKey(action: string): 'add' | 'move' | 'update' | 'delete' | 'edit' {
  const verb = action.split(':')[1];
  return verb === 'add' || verb === 'move' || verb === 'update' || verb === 'delete' ? verb : 'edit';
}
