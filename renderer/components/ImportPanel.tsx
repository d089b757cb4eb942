import { useId, useRef, useState } from 'react';
import '../styles/import.css';
import { useTranslation } from 'react-i18next';
import type { FileSource, ImportReport } from '../../shared/ipc/contract';
import { IMPORTABLE_LAYERS, type ImportableLayer } from '../../shared/schemas/entities';
import { filesToSource } from '../api/files';
import { useFormatters } from '../i18n/format';
import { useAppInfo, useServices } from '../state/app_context';
import { ErrorNotice } from './ErrorNotice';
import { ImportDialog } from './import/ImportDialog';
import { describeFiles, formatBytes, IMPORT_ACCEPT, type ChosenFiles } from './import/import_files';
import { AfterCancelNotice } from './import/ImportRunStatus';
import { useImportRun } from './import/use_import_run';
import { ImportReportView } from './ImportReportView';
import { useReveal } from './use_reveal';

interface Chosen {
  source: FileSource;
  files: ChosenFiles;
}

/** Last part of a path, for either separator (Electron on Windows gives backslashes). */
function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/**
 * Import into a layer: pick the layer and the file(s) — several at once for a shapefile's parts or
 * GeoTIFFs to sum; the system dialog in Electron — and the import dialog opens with the preview.
 * The report of the last import stays here.
 */
export function ImportPanel({ reveal = 0 }: { reveal?: number }) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  useReveal(detailsRef, reveal);
  const { t } = useTranslation();
  const format = useFormatters();
  const { api } = useServices();
  const dialogs = useAppInfo().data?.dialogs === true;
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [layer, setLayer] = useState<ImportableLayer>('facilities');
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [reading, setReading] = useState(false);
  const [pickError, setPickError] = useState<unknown>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = useImportRun();

  const choose = (next: Chosen) => {
    setChosen(next);
    setReport(null);
    run.reset();
    setDialogOpen(true);
  };

  const pickFiles = async (list: FileList | null) => {
    const files = list ? [...list] : [];
    setPickError(null);
    if (files.length === 0) return setChosen(null);
    setReading(true);
    try {
      const source = await filesToSource(files);
      choose({ source, files: { names: files.map((file) => file.name), bytes: files.reduce((sum, file) => sum + file.size, 0) } });
    } catch (caught) {
      setPickError(caught);
    } finally {
      setReading(false);
    }
  };

  const chooseWithDialog = async () => {
    setPickError(null);
    try {
      const picked = await api['dialog:file:open']({ purpose: 'import' });
      if (picked.path) choose({ source: { path: picked.path }, files: { names: [baseName(picked.path)], bytes: null } });
    } catch (caught) {
      setPickError(caught);
    }
  };

  const imported = (result: ImportReport) => {
    setReport(result);
    setDialogOpen(false);
    setChosen(null);
    // The same file chosen again must open the dialog again (an unchanged input fires no change).
    if (inputRef.current) inputRef.current.value = '';
  };

  return (
    <>
      <details ref={detailsRef} className="section" open data-testid="import-section">
        <summary>
          <h2>{t('import.heading')}</h2>
        </summary>
        <div className="stack">
          <label htmlFor={`${id}-layer`}>{t('import.layer')}</label>
          <select id={`${id}-layer`} data-testid="import-layer" value={layer} onChange={(e) => setLayer(e.target.value as ImportableLayer)}>
            {IMPORTABLE_LAYERS.map((name) => (
              <option key={name} value={name}>
                {t(`layers.${name}`)}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-file`}>{t('import.files')}</label>
          {dialogs ? (
            <button type="button" id={`${id}-file`} onClick={() => void chooseWithDialog()} data-testid="import-choose">
              {t('import.chooseFile')}
            </button>
          ) : (
            <input
              ref={inputRef}
              id={`${id}-file`}
              type="file"
              multiple
              accept={IMPORT_ACCEPT}
              data-testid="import-file-input"
              aria-describedby={`${id}-file-hint`}
              onChange={(e) => void pickFiles(e.target.files)}
            />
          )}
          <p id={`${id}-file-hint`} className="muted small">
            {t('import.fileHint')}
          </p>
          {reading && (
            <p className="status small" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('import.reading')}
            </p>
          )}
          {chosen && !dialogOpen && (
            <div className="row wrap">
              <span className="path">
                {describeFiles(chosen.files.names, (count) => t('import.moreFiles', { count }))}
                {chosen.files.bytes !== null && ` · ${formatBytes(chosen.files.bytes, format.locale)}`}
              </span>
              <button type="button" data-testid="import-open-dialog" onClick={() => setDialogOpen(true)}>
                {t('import.openDialog')}
              </button>
            </div>
          )}
          <ErrorNotice error={pickError} testId="import-pick-error" />
        </div>
        {!dialogOpen && <AfterCancelNotice afterCancel={run.afterCancel} />}
        {report && (
          <div data-testid="import-result" data-outcome="ok">
            <ImportReportView report={report} />
          </div>
        )}
      </details>
      {dialogOpen && chosen && (
        <ImportDialog
          layer={layer}
          onLayer={setLayer}
          source={chosen.source}
          files={chosen.files}
          run={run}
          onImported={imported}
          onClose={() => setDialogOpen(false)}
        />
      )}
    </>
  );
}
