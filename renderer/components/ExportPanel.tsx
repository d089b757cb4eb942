import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS } from '../../shared/ipc/contract';
import { LAYER_NAMES, type LayerName } from '../../shared/schemas/entities';
import { downloadText } from '../api/files';
import { useAppInfo, useServices } from '../state/app_context';
import { ErrorNotice } from './ErrorNotice';
import { useReveal } from './use_reveal';

type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Exports a layer: a download in the browser, the save dialog in Electron. */
export function ExportPanel({ reveal = 0 }: { reveal?: number }) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  useReveal(detailsRef, reveal);
  const { t } = useTranslation();
  const { api } = useServices();
  const dialogs = useAppInfo().data?.dialogs === true;
  const id = useId();
  const [layer, setLayer] = useState<LayerName>('facilities');
  const [format, setFormat] = useState<ExportFormat>('geojson');
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRunning(true);
    setError(null);
    setMessage(null);
    try {
      const defaultName = `${layer}.${format}`;
      if (dialogs) {
        const picked = await api['dialog:file:save']({ purpose: 'export', defaultName });
        if (!picked.path) return;
        const result = await api['layer:export']({ layer, format, path: picked.path });
        setMessage(t('export.saved', { count: result.count, path: result.path ?? picked.path }));
      } else {
        const result = await api['layer:export']({ layer, format });
        if (result.content === null) throw new Error(`the host returned no content for ${result.name}`);
        downloadText(result.name, result.content);
        setMessage(t('export.downloaded', { count: result.count, name: result.name }));
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(false);
    }
  };

  return (
    <details ref={detailsRef} className="section" data-testid="export-section">
      <summary>
        <h2>{t('export.heading')}</h2>
      </summary>
      <form onSubmit={submit} className="stack" aria-busy={running}>
        <div className="two-columns">
          <div className="stack">
            <label htmlFor={`${id}-layer`}>{t('export.layer')}</label>
            <select id={`${id}-layer`} data-testid="export-layer" value={layer} onChange={(e) => setLayer(e.target.value as LayerName)}>
              {LAYER_NAMES.map((name) => (
                <option key={name} value={name}>
                  {t(`layers.${name}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="stack">
            <label htmlFor={`${id}-format`}>{t('export.format')}</label>
            <select id={`${id}-format`} data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
              {EXPORT_FORMATS.map((name) => (
                <option key={name} value={name}>
                  {name === 'geojson' ? 'GeoJSON' : 'CSV'}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" data-testid="export-submit" disabled={running} aria-busy={running}>
          {running && <span className="spinner" aria-hidden="true" />}
          {running ? t('export.running') : t('export.submit')}
        </button>
      </form>
      {message && (
        <p className="notice notice-ok" role="status" data-testid="export-result">
          {message}
        </p>
      )}
      <ErrorNotice error={error} testId="export-error" />
    </details>
  );
}
