import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../shared/ipc/contract';

const SHOWN_SKIPPED = 5;

/**
 * What an import did: features imported, rows skipped (with reasons), what was detected (format,
 * coordinate system, encoding, columns used, layers of the file) and the host's warnings.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const unknown = t('common.unknown');
  const mapping = Object.entries(report.detected.mapping);
  const warnings = report.detected.warnings ?? [];
  const sourceLayers = report.detected.sourceLayers ?? [];
  return (
    <div className="notice notice-ok" role="status" data-testid="import-report">
      <p data-testid="import-imported" data-count={report.imported}>
        {t('import.result', { count: report.imported, layer: t(`layers.${report.layer}`), file: report.file })}
      </p>
      {report.skippedCount > 0 && (
        <>
          <p data-testid="import-skipped" data-count={report.skippedCount}>
            {t('import.skipped', { count: report.skippedCount })}
          </p>
          <ul className="small">
            {report.skipped.slice(0, SHOWN_SKIPPED).map((skip, index) => (
              <li key={index}>{skip.row === undefined ? skip.reason : t('import.skippedRow', { row: skip.row, reason: skip.reason })}</li>
            ))}
            {report.skippedCount > SHOWN_SKIPPED && <li>{t('import.more', { count: report.skippedCount - SHOWN_SKIPPED })}</li>}
          </ul>
        </>
      )}
      <p className="muted small" data-testid="import-detected" data-crs={report.detected.crs ?? ''} data-encoding={report.detected.encoding ?? ''}>
        {t('import.detected', { format: report.format.toUpperCase(), crs: report.detected.crs ?? unknown, encoding: report.detected.encoding?.toUpperCase() ?? unknown })}
      </p>
      {mapping.length > 0 && (
        <p className="muted small" data-testid="import-report-mapping">
          {t('import.mapping')}: {mapping.map(([field, column]) => `${field} ← ${column}`).join(', ')}
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
