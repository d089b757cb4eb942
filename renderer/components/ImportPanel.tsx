import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileSource, ImportOptions, ImportReport } from '../../shared/ipc/contract';
import { FACILITY_KINDS, IMPORTABLE_LAYERS, type FacilityKind, type ImportableLayer } from '../../shared/schemas/entities';
import { fileToSource } from '../api/files';
import { KEYS, useAppInfo, useServices } from '../state/app_context';
import { ErrorNotice } from './ErrorNotice';
import { useReveal } from './use_reveal';
import { ImportReportView } from './ImportReportView';

const ENCODINGS = ['', 'utf-8', 'gbk'] as const;

/**
 * Imports a file into a layer: a file input in the browser, the system dialog in Electron.
 * Shows the host's import report (counts, skipped rows, detected columns) or its error.
 */
export function ImportPanel({ reveal = 0 }: { reveal?: number }) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  useReveal(detailsRef, reveal);
  const { t } = useTranslation();
  const { api, store } = useServices();
  const appInfo = useAppInfo();
  const dialogs = appInfo.data?.dialogs === true;
  const id = useId();
  const [layer, setLayer] = useState<ImportableLayer>('facilities');
  const [file, setFile] = useState<File | null>(null);
  const [path, setPath] = useState<string | null>(null);
  const [kind, setKind] = useState<FacilityKind>('day_care');
  const [replace, setReplace] = useState(false);
  const [illustrative, setIllustrative] = useState(false);
  const [encoding, setEncoding] = useState<(typeof ENCODINGS)[number]>('');
  const [crs, setCrs] = useState('');
  const [running, setRunning] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [missingFile, setMissingFile] = useState(false);

  const chooseWithDialog = async () => {
    try {
      const picked = await api['dialog:file:open']({ purpose: 'import' });
      if (picked.path) setPath(picked.path);
    } catch (caught) {
      setError(caught);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!(dialogs ? path : file)) return setMissingFile(true);
    setMissingFile(false);
    setRunning(true);
    setError(null);
    setReport(null);
    try {
      const source: FileSource = dialogs && path ? { path } : await fileToSource(file as File);
      const options: ImportOptions = { replace };
      if (layer === 'facilities') options.kind = kind;
      if (illustrative) options.illustrative = true;
      if (encoding) options.encoding = encoding;
      if (crs.trim()) options.crs = crs.trim();
      const result = await api['layer:import']({ layer, file: source, options });
      setReport(result);
      store.invalidate(KEYS.layer(layer), KEYS.coveragePrefix, KEYS.project);
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(false);
    }
  };

  return (
    <details ref={detailsRef} className="section" open data-testid="import-section">
      <summary>
        <h2>{t('import.heading')}</h2>
      </summary>
      <form onSubmit={submit} className="stack" aria-busy={running}>
        <label htmlFor={`${id}-layer`}>{t('import.layer')}</label>
        <select id={`${id}-layer`} data-testid="import-layer" value={layer} onChange={(e) => setLayer(e.target.value as ImportableLayer)}>
          {IMPORTABLE_LAYERS.map((name) => (
            <option key={name} value={name}>
              {t(`layers.${name}`)}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-file`}>{t('import.file')}</label>
        {dialogs ? (
          <div className="row">
            <button type="button" id={`${id}-file`} onClick={() => void chooseWithDialog()} data-testid="import-choose">
              {t('import.chooseFile')}
            </button>
            <span className="path" data-testid="import-path">{path ?? t('import.noFile')}</span>
          </div>
        ) : (
          <input
            id={`${id}-file`}
            type="file"
            data-testid="import-file-input"
            aria-describedby={`${id}-file-hint`}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
        <p id={`${id}-file-hint`} className="muted small">
          {t('import.fileHint')}
        </p>
        {layer === 'facilities' && (
          <>
            <label htmlFor={`${id}-kind`}>{t('import.defaultKind')}</label>
            <select id={`${id}-kind`} data-testid="import-kind" value={kind} onChange={(e) => setKind(e.target.value as FacilityKind)}>
              {FACILITY_KINDS.map((name) => (
                <option key={name} value={name}>
                  {t(`kinds.${name}`)}
                </option>
              ))}
            </select>
          </>
        )}
        <div className="two-columns">
          <div className="stack">
            <label htmlFor={`${id}-encoding`}>{t('import.encoding')}</label>
            <select id={`${id}-encoding`} value={encoding} onChange={(e) => setEncoding(e.target.value as (typeof ENCODINGS)[number])}>
              {ENCODINGS.map((name) => (
                <option key={name} value={name}>
                  {name === '' ? t('import.encodingAuto') : name.toUpperCase()}
                </option>
              ))}
            </select>
          </div>
          <div className="stack">
            <label htmlFor={`${id}-crs`}>{t('import.crs')}</label>
            <input id={`${id}-crs`} type="text" value={crs} placeholder={t('import.crsPlaceholder')} onChange={(e) => setCrs(e.target.value)} />
          </div>
        </div>
        <label className="check">
          <input type="checkbox" data-testid="import-replace" checked={replace} onChange={(e) => setReplace(e.target.checked)} />
          {t('import.replace')}
        </label>
        <label className="check">
          <input type="checkbox" data-testid="import-illustrative" checked={illustrative} onChange={(e) => setIllustrative(e.target.checked)} />
          {t('import.illustrative')}
        </label>
        <button type="submit" className="primary" data-testid="import-submit" disabled={running} aria-busy={running}>
          {running && <span className="spinner" aria-hidden="true" />}
          {running ? t('import.running') : t('import.submit')}
        </button>
        {running && <progress className="progress" aria-label={t('import.running')} />}
      </form>
      {missingFile && (
        <p className="notice notice-error" role="alert">
          {t('import.needFile')}
        </p>
      )}
      {(error !== null || report !== null) && (
        <div data-testid="import-result" data-outcome={report ? 'ok' : 'error'}>
          <ErrorNotice error={error} testId="import-error" />
          {report && <ImportReportView report={report} />}
        </div>
      )}
    </details>
  );
}
