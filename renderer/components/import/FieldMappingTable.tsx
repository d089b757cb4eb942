import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/ipc/contract';

/** Fields still missing, one per row: the host lists alternatives as "population|elderly|…". */
export function missingFieldSet(missing: readonly string[]): Set<string> {
  return new Set(missing.flatMap((entry) => entry.split('|')));
}

/** A field's name in the active language ("floor_area_m2" → "Floor area"), else its code. */
export function useFieldLabel(): (field: string) => string {
  const { t, i18n } = useTranslation();
  return (field) => (i18n.exists(`import.fieldNames.${field}`) ? t(`import.fieldNames.${field}` as 'import.fieldNames.id') : field);
}

/**
 * Which column feeds which field: one row per field of the layer (with its unit) and a select of
 * the file's columns. '' means "by column name" (the host's automatic match). Rows of required
 * fields still without a column are highlighted.
 */
export function FieldMappingTable({
  preview,
  overrides,
  onChange,
}: {
  preview: ImportPreview;
  overrides: Readonly<Record<string, string>>;
  onChange: (field: string, column: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const fieldLabel = useFieldLabel();
  const missing = missingFieldSet(preview.missing);
  const typeOf = new Map(preview.columns.map((column) => [column.name, column.type]));
  const unitLabel = (unit: string) => (i18n.exists(`import.units.${unit}`) ? t(`import.units.${unit}` as 'import.units.m²') : unit);
  return (
    <table className="import-table import-mapping" data-testid="import-mapping">
      <caption className="visually-hidden">{t('import.mappingHeading')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('import.field')}</th>
          <th scope="col">{t('import.unit')}</th>
          <th scope="col">{t('import.column')}</th>
        </tr>
      </thead>
      <tbody>
        {preview.fields.map((field) => {
          const isMissing = missing.has(field.field);
          const override = overrides[field.field];
          const selectId = `import-map-${field.field}`;
          return (
            <tr key={field.field} data-field={field.field} data-missing={String(isMissing)} className={isMissing ? 'missing' : undefined}>
              <th scope="row" title={field.description}>
                <label htmlFor={selectId}>{fieldLabel(field.field)}</label>
                <code className="small muted"> {field.field}</code>
                {isMissing && <span className="required-tag">{t('import.required')}</span>}
              </th>
              <td className="small">{field.unit ? unitLabel(field.unit) : ''}</td>
              <td>
                <select
                  id={selectId}
                  data-testid={selectId}
                  value={override ?? ''}
                  aria-invalid={isMissing}
                  onChange={(e) => onChange(field.field, e.target.value === '' ? null : e.target.value)}
                >
                  <option value="">
                    {override === undefined && field.column !== null
                      ? t('import.autoColumn', { column: field.column })
                      : override === undefined
                        ? t('import.noColumn')
                        : t('import.automatic')}
                  </option>
                  {preview.columns
                    .filter((column) => column.name !== '')
                    .map((column) => (
                      <option key={column.name} value={column.name}>
                        {column.name} ({t(`import.types.${typeOf.get(column.name) ?? 'text'}`)})
                      </option>
                    ))}
                </select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
