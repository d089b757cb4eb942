import { useTranslation } from 'react-i18next';
import type { ImportReport, SkippedEntry } from '../../shared/ipc/contract';
import { KIND_SKIP, type FacilityKindTarget } from '../../shared/schemas/facility_kind_map';
import { useFormatters } from '../i18n/format';
import { useFieldLabel } from './import/FieldMappingTable';
import { describeFiles, skippedRowsNotShown } from './import/import_files';

const SHOWN_SKIPPED = 5;

/**
 * What an import did: features imported, rows skipped (with reasons), facilities per kind and the
 * source values behind them, what was detected (format, coordinate system, encoding for text
 * formats, columns used, layers of the file) and the host's warnings. Skipped entries with a code
 * are said in the active language; an entry may stand for many rows (its count).
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fieldLabel = useFieldLabel();
  const unknown = t('common.unknown');
  const mapping = Object.entries(report.detected.mapping);
  const warnings = report.detected.warnings ?? [];
  const sourceLayers = report.detected.sourceLayers ?? [];
  const file = report.files && report.files.length > 0 ? describeFiles(report.files, (count) => t('import.moreFiles', { count })) : report.file;
  const shown = report.skipped.slice(0, SHOWN_SKIPPED);
  const moreRows = skippedRowsNotShown(report.skipped, report.skippedCount, SHOWN_SKIPPED);
  const separator = t('import.kindMapping.listSeparator');
  const targetLabel = (kind: FacilityKindTarget) => (kind === KIND_SKIP ? t('import.kindMapping.skip') : t(`kinds.${kind}`));
  const perKind = new Map<FacilityKindTarget, number>();
  for (const entry of report.kinds ?? []) if (entry.kind !== null) perKind.set(entry.kind, (perKind.get(entry.kind) ?? 0) + entry.count);
  const skipText = (skip: SkippedEntry): string => {
    const params = skip.params ?? {};
    switch (skip.code) {
      case 'blank_rows':
        return t('import.skippedCode.blank_rows', { count: Number(params.count ?? skip.count ?? 1), rows: String(params.rows ?? '') });
      case 'raster_nodata':
        return t('import.skippedCode.raster_nodata', { count: Number(params.count ?? 0), total: Number(params.total ?? 0) });
      case 'kind_skipped':
        return t('import.skippedCode.kind_skipped', { count: Number(params.count ?? 0), values: String(params.values ?? '') });
      default:
        return skip.row === undefined ? skip.reason : t('import.skippedRow', { row: skip.row, reason: skip.reason });
    }
  };
  return (
    <div className="notice notice-ok" role="status" data-testid="import-report">
      <p data-testid="import-imported" data-count={report.imported}>
        {t('import.result', { count: report.imported, layer: t(`layers.${report.layer}`), file })}
      </p>
      {report.skippedCount > 0 && (
        <>
          <p data-testid="import-skipped" data-count={report.skippedCount}>
            {t('import.skipped', { count: report.skippedCount })}
          </p>
          <ul className="small">
            {shown.map((skip, index) => (
              <li key={index} data-code={skip.code ?? ''}>
                {skipText(skip)}
              </li>
            ))}
            {moreRows > 0 && <li data-testid="import-skipped-more" data-count={moreRows}>{t('import.moreEntries', { count: moreRows })}</li>}
          </ul>
        </>
      )}
      {perKind.size > 0 && (
        <>
          <p className="small" data-testid="import-report-kinds" data-kinds={JSON.stringify(Object.fromEntries(perKind))}>
            {t('import.reportKinds', { list: [...perKind].map(([kind, count]) => `${targetLabel(kind)} ${format.count(count)}`).join(separator) })}
          </p>
          <p className="muted small" data-testid="import-report-kind-values">
            {t('import.reportKindValues', {
              list: (report.kinds ?? [])
                .filter((entry) => entry.kind !== null)
                .map((entry) => `${entry.value === '' ? t('import.kindMapping.empty') : entry.value} (${format.count(entry.count)}) → ${targetLabel(entry.kind as FacilityKindTarget)}`)
                .join(separator),
            })}
          </p>
        </>
      )}
      <p className="muted small" data-testid="import-detected" data-crs={report.detected.crs ?? ''} data-encoding={report.detected.encoding ?? ''}>
        {report.detected.encoding === null
          ? t('import.detectedNoEncoding', { format: report.format.toUpperCase(), crs: report.detected.crs ?? unknown })
          : t('import.detected', { format: report.format.toUpperCase(), crs: report.detected.crs ?? unknown, encoding: report.detected.encoding.toUpperCase() })}
      </p>
      {mapping.length > 0 && (
        <p className="muted small" data-testid="import-report-mapping">
          {t('import.mapping')}: {mapping.map(([field, column]) => `${fieldLabel(field)} ← ${column}`).join(separator)}
        </p>
      )}
      {sourceLayers.length > 1 && <p className="muted small">{t('import.reportSourceLayers', { names: sourceLayers.join(', ') })}</p>}
      {warnings.length > 0 && (
        <div className="notice notice-warning small" data-testid="import-report-warnings">
          <p>{t('import.warnings')}</p>
          <ul>
            {warnings.map((warning, index) => (
              <li key={index}>{warning}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
