import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../shared/ipc/contract';
import { useFormatters } from '../i18n/format';

const SHOWN_SKIPPED = 5;

/** What an import did: features imported, rows skipped (with reasons), what was detected. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const unknown = t('common.unknown');
  const mapping = Object.entries(report.detected.mapping);
  return (
    <div className="notice notice-ok" role="status" data-testid="import-report">
      <p data-testid="import-imported" data-count={report.imported}>
        {t('import.result', { imported: format.count(report.imported), layer: t(`layers.${report.layer}`), file: report.file })}
      </p>
      {report.skippedCount > 0 && (
        <>
          <p data-testid="import-skipped">{t('import.skipped', { count: report.skippedCount })}</p>
          <ul className="small">
            {report.skipped.slice(0, SHOWN_SKIPPED).map((skip, index) => (
              <li key={index}>{skip.row === undefined ? skip.reason : t('import.skippedRow', { row: skip.row, reason: skip.reason })}</li>
            ))}
            {report.skippedCount > SHOWN_SKIPPED && <li>{t('import.more', { count: report.skippedCount - SHOWN_SKIPPED })}</li>}
          </ul>
        </>
      )}
      <p className="muted small">
        {t('import.detected', { format: report.format, crs: report.detected.crs ?? unknown, encoding: report.detected.encoding ?? unknown })}
      </p>
      {mapping.length > 0 && (
        <p className="muted small">
          {t('import.mapping')}: {mapping.map(([field, column]) => `${field} ← ${column}`).join(', ')}
        </p>
      )}
    </div>
  );
}
