import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/ipc/contract';
import { useFormatters } from '../../i18n/format';

/** Longest cell text shown; the whole value is in the cell's title. */
const CELL_CHARS = 60;

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The file's first rows as read, one column per source column, each headed by its detected type,
 * how full it is and the field it feeds (or "not imported").
 */
export function PreviewRowsTable({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const columns = preview.columns.filter((column) => column.name !== '');
  if (columns.length === 0) return null;
  return (
    <div className="import-rows-scroll" tabIndex={0} role="region" aria-label={t('import.rowsHeading', { shown: preview.rows.length, total: format.count(preview.rowCount) })}>
      <table className="import-table import-rows" data-testid="import-preview-rows">
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.name} scope="col" data-column={column.name} data-type={column.type} data-field={column.field ?? ''}>
                <span className="column-name">{column.name}</span>
                <span className="column-meta">
                  {t(`import.types.${column.type}`)} · {t('import.filled', { percent: format.percent(column.filled) })}
                </span>
                <span className={column.field ? 'column-field' : 'column-field column-unmapped'}>
                  {column.field ? `→ ${column.field}` : t('import.notImported')}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, index) => (
            <tr key={index}>
              {columns.map((column) => {
                const text = cellText(row[column.name]);
                return (
                  <td key={column.name} title={text.length > CELL_CHARS ? text : undefined}>
                    {text.length > CELL_CHARS ? `${text.slice(0, CELL_CHARS)}…` : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
