import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileSource, ImportOptions, ImportPreview, ImportReport } from '../../../shared/ipc/contract';
import { IMPORTABLE_LAYERS, type ImportableLayer } from '../../../shared/schemas/entities';
import { useFormatters } from '../../i18n/format';
import { ErrorNotice } from '../ErrorNotice';
import { ApiError } from '../../api/client';
import { CrsChooser, type DetectedCrs } from './CrsChooser';
import { FieldMappingTable, missingFieldSet, useFieldLabel } from './FieldMappingTable';
import { describeFiles, formatBytes, TEXT_FORMATS, type ChosenFiles } from './import_files';
import { ImportOptionsFields, type ImportChoices } from './ImportOptionsFields';
import { AfterCancelNotice, ImportProgress } from './ImportRunStatus';
import { PreviewRowsTable } from './PreviewRowsTable';
import { RasterFieldsStep, useRasterFields } from './RasterFieldsStep';
import { useImportPreview } from './use_import_preview';
import type { ImportRun } from './use_import_run';
import { applicableRememberedMap, type RememberedMapping } from './remembered_mapping';
import { KindMappingTable, unmappedKindValues } from './KindMappingTable';
import type { FacilityKindMap } from '../../../shared/schemas/facility_kind_map';
import { crsPickerValue } from './crs_options';
import { useCrsReason } from './CrsChooser';

const INITIAL_CHOICES: ImportChoices = { encoding: '', kind: 'day_care', replace: false, illustrative: false };

/**
 * The import dialog (modal): the host's preview of the chosen file(s) — first rows, column types,
 * which column feeds which field (changeable), unmapped columns, missing required fields — with the
 * coordinate system (detected one preselected, suggestions, swap lon/lat), source layer or sheet,
 * encoding, default kind, replace/append and the illustrative flag; then Import with progress and
 * Cancel. Import stays disabled until the preview is current and nothing required is missing.
 */
export function ImportDialog({
  layer,
  onLayer,
  source,
  files,
  run,
  onImported,
  onClose,
}: {
  layer: ImportableLayer;
  onLayer: (layer: ImportableLayer) => void;
  source: FileSource;
  files: ChosenFiles;
  run: ImportRun;
  onImported: (report: ImportReport) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fieldLabel = useFieldLabel();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [crs, setCrs] = useState('');
  const [swapAxes, setSwapAxes] = useState(false);
  const [sourceLayer, setSourceLayer] = useState('');
  const [choices, setChoices] = useState<ImportChoices>(INITIAL_CHOICES);
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const rasterFields = useRasterFields(layer, source, files.names);
  const [remembered, setRemembered] = useState<RememberedMapping | null>(null);
  const [rememberedFor, setRememberedFor] = useState<string | null>(null);
  const [detected, setDetected] = useState<DetectedCrs | null>(null);
  const [detectedEncoding, setDetectedEncoding] = useState<string | null>(null);
  // facility kinds chosen in this dialog (source value → kind or "skip"); sent with the import only
  const [kindChoices, setKindChoices] = useState<FacilityKindMap>({});
  // the offset system preselected because the file names it (GCJ-02/BD-09), once per file
  const [crsHint, setCrsHint] = useState<{ for: string; suggestion: ImportPreview['crsSuggestions'][number] } | null>(null);
  const crsReason = useCrsReason();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || dialog.open) return;
    dialog.showModal();
    // Start on the first choice rather than on the close button.
    dialog.querySelector<HTMLElement>('[data-testid="import-dialog-layer"]')?.focus();
  }, []);

  // A new layer or file starts from the host's automatic mapping and the remembered one.
  const sourceKey = `${layer}:${sourceLayer}`;
  useEffect(() => {
    setOverrides({});
    setRemembered(null);
    setRememberedFor(null);
    setDetected(null);
    setKindChoices({});
  }, [layer, source, sourceLayer]);

  const previewOptions = useMemo<ImportOptions>(() => {
    // Always a map (even empty): the host then does not apply the remembered mapping on its own;
    // the dialog applies it below, only where this file has the columns.
    const options: ImportOptions = { map: overrides, ...rasterFields.options };
    if (crs) options.crs = crs;
    if (swapAxes) options.swapAxes = true;
    if (choices.encoding) options.encoding = choices.encoding;
    if (layer === 'facilities') options.kind = choices.kind;
    return options;
  }, [overrides, rasterFields.options, crs, swapAxes, choices.encoding, choices.kind, layer]);
  const [isWorkbook, setIsWorkbook] = useState(false);
  const requestOptions = useMemo<ImportOptions>(
    () => (sourceLayer ? { ...previewOptions, ...(isWorkbook ? { sheet: sourceLayer } : { sourceLayer }) } : previewOptions),
    [previewOptions, sourceLayer, isWorkbook],
  );
  const state = useImportPreview(layer, source, requestOptions);
  // An answer for another layer (still shown while the next one loads) is not this dialog's preview.
  const preview = state.preview?.layer === layer ? state.preview : null;
  const current = !state.loading && preview !== null && JSON.stringify(state.options) === JSON.stringify(requestOptions);

  useEffect(() => {
    if (!preview || !state.options || !current) return;
    setIsWorkbook(preview.format === 'xlsx');
    if (!state.options.crs) setDetected({ crs: preview.crs, declared: preview.crsDeclared });
    if (!state.options.encoding) setDetectedEncoding(preview.encoding);
    // A file that names GCJ-02/BD-09 (columns, file name, source; shared/geodesy/crs_guess.ts) and
    // declares nothing starts on that system; the reason is shown and the user may choose another.
    const top = preview.crsSuggestions[0];
    if (!state.options.crs && !preview.crsDeclared && top?.reasonCode === 'offset_hint' && crsHint?.for !== sourceKey) {
      const value = crsPickerValue(top.crs);
      if (value !== null) {
        setCrsHint({ for: sourceKey, suggestion: top });
        setCrs(value);
      }
    }
    if (rememberedFor !== sourceKey && preview.format !== 'geotiff') {
      setRememberedFor(sourceKey);
      const applicable = applicableRememberedMap(preview);
      setRemembered(applicable);
      if (Object.keys(applicable.applied).length > 0) setOverrides((existing) => ({ ...applicable.applied, ...existing }));
    }
  }, [preview, state.options, current, rememberedFor, sourceKey, crsHint]);

  // A failed or cancelled import's notice belongs to the choices it was made with.
  const requestKey = JSON.stringify({ layer, requestOptions });
  const { phase, reset } = run;
  useEffect(() => {
    if (phase === 'failed' || phase === 'cancelled') reset();
    // Only a change of the choices clears the notice, not the phase change itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [requestKey]);

  const setOverride = (field: string, column: string | null) =>
    setOverrides((existing) => {
      const next = { ...existing };
      if (column === null) delete next[field];
      else next[field] = column;
      return next;
    });

  // GeoTIFFs (by name, so the choice is there even when their preview fails) map counts, not columns.
  const raster = files.names.every((name) => /\.tiff?$/i.test(name)) || preview?.format === 'geotiff';
  const running = run.phase === 'running';
  const missing = preview ? missingFieldSet(preview.missing) : new Set<string>();
  const kindValues = layer === 'facilities' && !raster ? preview?.kindValues : undefined;
  const unmappedKinds = unmappedKindValues(kindValues, kindChoices);
  const kindColumn = preview?.fields.find((field) => field.field === 'kind')?.column ?? '';
  const canImport = current && missing.size === 0 && unmappedKinds.length === 0 && !running;

  const submit = async () => {
    if (!preview || !canImport) return;
    // The mapping the preview shows is exactly what is imported (and remembered for next time);
    // a raster's is the count chosen (its preview names the source files, not a --map value).
    const map = raster
      ? overrides
      : Object.fromEntries(preview.fields.filter((field) => field.column !== null).map((field) => [field.field, field.column as string]));
    const options: ImportOptions = { ...requestOptions, map, replace: choices.replace };
    if (kindValues && Object.keys(kindChoices).length > 0) options.kindMap = kindChoices;
    if (choices.illustrative) options.illustrative = true;
    const report = await run.start({ layer, file: source, options });
    if (report) onImported(report);
  };

  const close = () => {
    if (running) return;
    dialogRef.current?.close();
    onClose();
  };

  const fileLabel = describeFiles(files.names, (count) => t('import.moreFiles', { count }));
  return (
    <dialog
      ref={dialogRef}
      className="import-dialog"
      aria-labelledby={`${id}-title`}
      data-testid="import-dialog"
      data-preview-current={String(current)}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <header className="import-dialog-header">
        <div>
          <h2 id={`${id}-title`}>{t('import.dialogTitle')}</h2>
          <p className="small muted path">
            {fileLabel}
            {files.bytes !== null && ` · ${formatBytes(files.bytes, format.locale)}`}
          </p>
        </div>
        <button type="button" className="close-button" aria-label={t('import.close')} data-testid="import-dialog-close" disabled={running} onClick={close}>
          ×
        </button>
      </header>
      {/* Choices are locked while an import runs: what is being imported stays what is shown. */}
      <div className="import-dialog-body">
        <fieldset className="import-dialog-columns" disabled={running}>
          <section className="stack" aria-label={t('import.sourceHeading')}>
            <label htmlFor={`${id}-layer`}>{t('import.layer')}</label>
            <select id={`${id}-layer`} data-testid="import-dialog-layer" value={layer} onChange={(e) => onLayer(e.target.value as ImportableLayer)}>
              {IMPORTABLE_LAYERS.map((name) => (
                <option key={name} value={name}>
                  {t(`layers.${name}`)}
                </option>
              ))}
            </select>
            {state.loading && !preview && (
              <p className="status small" role="status" data-testid="import-preview-loading">
                <span className="spinner" aria-hidden="true" />
                {t('import.previewLoading')}
              </p>
            )}
            <ErrorNotice error={state.error} testId="import-preview-error" />
            {preview && (
              <>
                <p
                  className="small import-summary"
                  data-testid="import-preview-summary"
                  data-format={preview.format}
                  data-encoding={preview.encoding ?? ''}
                  data-crs={preview.crs ?? ''}
                  data-rows={preview.rowCount}
                >
                  {preview.format === 'geotiff'
                    ? t('import.summaryRaster', { format: 'GeoTIFF', cells: format.count(preview.rowCount), crs: preview.crs ?? t('common.unknown') })
                    : preview.encoding === null
                      ? t('import.summaryNoEncoding', { format: preview.format.toUpperCase(), rows: format.count(preview.rowCount) })
                      : t('import.summary', { format: preview.format.toUpperCase(), rows: format.count(preview.rowCount), encoding: preview.encoding.toUpperCase() })}
                  {preview.geometryTypes && ` · ${Object.entries(preview.geometryTypes).map(([type, count]) => `${type} ${format.count(count)}`).join(', ')}`}
                  {state.loading && <span className="spinner spinner-inline" aria-label={t('import.previewUpdating')} />}
                </p>
                {preview.warnings.length > 0 && (
                  <div className="notice notice-warning" data-testid="import-warnings">
                    <ul className="small">
                      {preview.warnings.map((warning, index) => (
                        <li key={index}>{warning}</li>
                      ))}
                    </ul>
                  </div>
                )}
                {(preview.sourceLayers?.length ?? 0) > 1 && (
                  <>
                    <label htmlFor={`${id}-source-layer`}>{preview.format === 'xlsx' ? t('import.sheet') : t('import.sourceLayer')}</label>
                    <select id={`${id}-source-layer`} data-testid="import-source-layer" value={sourceLayer} onChange={(e) => setSourceLayer(e.target.value)}>
                      <option value="">{t('import.firstSourceLayer', { name: preview.sourceLayers?.[0] ?? '' })}</option>
                      {preview.sourceLayers?.map((name) => (
                        <option key={name} value={name}>
                          {name}
                        </option>
                      ))}
                    </select>
                  </>
                )}
                {preview.format !== 'geotiff' && crsHint?.for === sourceKey && crs === crsPickerValue(crsHint.suggestion.crs) && (
                  <p className="small notice" data-testid="import-crs-hint-applied" data-crs={crsHint.suggestion.crs ?? ''}>
                    {t('import.crsHintApplied', { reason: crsReason(crsHint.suggestion) })}
                  </p>
                )}
                {preview.format !== 'geotiff' && (
                  <CrsChooser
                    preview={preview}
                    detected={detected}
                    crs={crs}
                    swapAxes={swapAxes}
                    onChange={(choice) => {
                      setCrs(choice.crs);
                      setSwapAxes(choice.swapAxes);
                    }}
                  />
                )}
                <ImportOptionsFields
                  value={choices}
                  onChange={setChoices}
                  showEncoding={TEXT_FORMATS.includes(preview.format)}
                  detectedEncoding={detectedEncoding}
                  showKind={layer === 'facilities'}
                />
              </>
            )}
          </section>
          {raster && (
            <section className="stack" aria-labelledby={`${id}-mapping`}>
              <h3 id={`${id}-mapping`}>{t('rasterFields.heading')}</h3>
              <RasterFieldsStep preview={preview} fileNames={files.names} state={rasterFields} />
            </section>
          )}
          {preview && !raster && (
            <section className="stack" aria-labelledby={`${id}-mapping`}>
              <h3 id={`${id}-mapping`}>{t('import.mappingHeading')}</h3>
              {remembered && (Object.keys(remembered.applied).length > 0 || Object.keys(remembered.skipped).length > 0) && (
                <p className="small notice" data-testid="import-remembered">
                  {Object.keys(remembered.applied).length > 0 && t('import.remembered', { mapping: mappingText(remembered.applied, fieldLabel) })}{' '}
                  {Object.keys(remembered.skipped).length > 0 && t('import.rememberedSkipped', { mapping: mappingText(remembered.skipped, fieldLabel) })}
                </p>
              )}
              <FieldMappingTable preview={preview} overrides={overrides} onChange={setOverride} />
              {kindValues && kindValues.length > 0 && (
                <>
                  <h3 id={`${id}-kinds`}>{t('import.kindMapping.heading')}</h3>
                  <KindMappingTable values={kindValues} column={kindColumn} choices={kindChoices} onChange={setKindChoices} />
                </>
              )}
              <p className="small" data-testid="import-unmapped">
                {preview.unmappedColumns.length > 0 ? t('import.unmapped', { columns: preview.unmappedColumns.join(', ') }) : t('import.allMapped')}
              </p>
              {preview.rows.length > 0 && (
                <>
                  <h3 id={`${id}-rows`}>{t('import.rowsHeading', { shown: preview.rows.length, total: format.count(preview.rowCount) })}</h3>
                  <PreviewRowsTable preview={preview} />
                </>
              )}
            </section>
          )}
        </fieldset>
      </div>
      <footer className="import-dialog-footer">
        {preview && missing.size > 0 && (
          <p className="notice notice-error small" role="alert" data-testid="import-missing">
            {t('import.missing', { fields: [...missing].map(fieldLabel).join(', ') })}
          </p>
        )}
        {preview && missing.size === 0 && unmappedKinds.length > 0 && (
          <p className="notice notice-error small" role="alert" data-testid="import-kind-missing">
            {t('import.kindMapping.missing', { values: unmappedKinds.map((entry) => (entry.value === '' ? t('import.kindMapping.empty') : entry.value)).join(t('import.kindMapping.listSeparator')) })}
          </p>
        )}
        {run.phase === 'failed' && (
          <div data-testid="import-result" data-outcome="error">
            <ErrorNotice error={run.error} testId="import-error" />
            {run.error instanceof ApiError && run.error.reason === 'coordinates_swapped' && !swapAxes && (
              <p className="small" data-testid="import-swap-hint">
                {t('import.swapHint')}
              </p>
            )}
          </div>
        )}
        <AfterCancelNotice afterCancel={run.phase === 'cancelled' ? run.afterCancel : null} />
        <ImportProgress run={run} />
        <div className="row import-actions">
          <button type="button" disabled={running} onClick={close}>
            {t('import.close')}
          </button>
          <button type="button" className="primary" data-testid="import-submit" disabled={!canImport} aria-busy={running} onClick={() => void submit()}>
            {running && <span className="spinner" aria-hidden="true" />}
            {running ? t('import.running') : t('import.submit')}
          </button>
        </div>
      </footer>
    </dialog>
  );
}

function mappingText(mapping: Readonly<Record<string, string>>, fieldLabel: (field: string) => string): string {
  return Object.entries(mapping)
    .map(([field, column]) => `${fieldLabel(field)} ← ${column}`)
    .join(', ');
}
