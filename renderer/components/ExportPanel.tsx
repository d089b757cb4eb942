import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS } from '../../shared/ipc/contract';
import { LAYER_NAMES, type LayerName } from '../../shared/schemas/entities';
import { scenarioDisplayName } from '../../shared/schemas/scenario_words';
import { downloadReply } from '../api/files';
import { useFormatters } from '../i18n/format';
import { useAppInfo, useServices } from '../state/app_context';
import { useWorkspace } from '../workspace/workspace_context';
import { ErrorNotice } from './ErrorNotice';
import { CrsSelect } from './import/CrsSelect';
import { useReveal } from './use_reveal';

type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * Which coordinate systems a format can carry (electron/services/export/export_crs.ts): KML is WGS84
 * by its specification; GeoJSON and GeoPackage name EPSG systems; CSV also takes GCJ-02 and BD-09.
 */
function crsAllowed(format: ExportFormat, crs: string): boolean {
  if (crs === '') return true;
  if (format === 'kml') return false;
  return format === 'csv' || crs.startsWith('EPSG:');
}

/**
 * Exports a layer as GeoJSON, CSV, GeoPackage or KML, in WGS84 or another coordinate system, and
 * proposals by scenario: a download in the browser, the save dialog in Electron.
 */
export function ExportPanel({ reveal = 0 }: { reveal?: number }) {
  const detailsRef = useRef<HTMLDetailsElement>(null);
  useReveal(detailsRef, reveal);
  const { t } = useTranslation();
  const format = useFormatters();
  const { api } = useServices();
  const dialogs = useAppInfo().data?.dialogs === true;
  const { scenarios } = useWorkspace();
  const id = useId();
  const [layer, setLayer] = useState<LayerName>('facilities');
  const [fileFormat, setFileFormat] = useState<ExportFormat>('geojson');
  const [crs, setCrs] = useState('');
  const [scenarioChoice, setScenarioChoice] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const scenario = scenarioChoice ?? scenarios.current?.id ?? scenarios.scenarios[0]?.id ?? null;

  const chooseFormat = (next: ExportFormat) => {
    setFileFormat(next);
    if (!crsAllowed(next, crs)) setCrs('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRunning(true);
    setError(null);
    setMessage(null);
    try {
      const request = {
        layer,
        format: fileFormat,
        ...(crs ? { crs } : {}),
        ...(layer === 'proposals' && scenario ? { scenario } : {}),
      };
      if (dialogs) {
        const picked = await api['dialog:file:save']({ purpose: 'export', defaultName: `${layer}.${fileFormat}` });
        if (!picked.path) return;
        const result = await api['layer:export']({ ...request, path: picked.path });
        setMessage(t('export.saved', { features: format.count(result.count), path: result.path ?? picked.path, crs: result.crs }));
      } else {
        const result = await api['layer:export'](request);
        downloadReply(result);
        setMessage(t('export.downloaded', { features: format.count(result.count), name: result.name, crs: result.crs }));
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(false);
    }
  };

  const crsHint = fileFormat === 'kml' ? t('export.crsKml') : fileFormat === 'csv' ? t('export.crsCsv') : t('export.crsEpsg');
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
            <select id={`${id}-format`} data-testid="export-format" value={fileFormat} onChange={(e) => chooseFormat(e.target.value as ExportFormat)}>
              {EXPORT_FORMATS.map((name) => (
                <option key={name} value={name}>
                  {t(`export.formats.${name}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {layer === 'proposals' && (
          <>
            <label htmlFor={`${id}-scenario`}>{t('export.scenario')}</label>
            <select
              id={`${id}-scenario`}
              data-testid="export-scenario"
              value={scenario ?? ''}
              disabled={scenarios.scenarios.length === 0}
              onChange={(e) => setScenarioChoice(e.target.value)}
            >
              {scenarios.scenarios.map((item) => (
                <option key={item.id} value={item.id}>
                  {scenarioDisplayName(item, t('workspace.scenarios.baselineName'))}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={`${id}-crs`}>{t('export.crs')}</label>
        <CrsSelect
          id={`${id}-crs`}
          value={fileFormat === 'kml' ? '' : crs}
          onChange={setCrs}
          defaultLabel={t('export.crsDefault')}
          offsets={fileFormat === 'csv'}
          disabled={fileFormat === 'kml'}
          testId="export-crs"
          describedBy={`${id}-crs-hint`}
        />
        <p id={`${id}-crs-hint`} className="muted small" data-testid="export-crs-hint">
          {crsHint}
        </p>
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
