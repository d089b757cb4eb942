import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/ipc/contract';
import { useFieldLabel } from './FieldMappingTable';

/** The population counts a raster can hold (electron/services/import/plan_raster_fields.ts). */
const COUNT_FIELDS = ['population', 'elderly', 'age65', 'age80'] as const;

/**
 * GeoTIFF population: which count the raster's values are. Several files on one grid are added up
 * (all their bands); by default the count comes from the file names (60plus → older people, a full
 * WorldPop age/sex set …). Shown even when the preview fails, since a missing answer is exactly
 * why several rasters cannot be previewed.
 */
export function RasterCountChooser({
  preview,
  overrides,
  onChange,
}: {
  preview: ImportPreview | null;
  overrides: Readonly<Record<string, string>>;
  onChange: (overrides: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const fieldLabel = useFieldLabel();
  const chosen = COUNT_FIELDS.find((field) => overrides[field] !== undefined) ?? '';
  const automatic = preview?.fields.find((field) => field.column !== null);
  return (
    <div className="stack" data-testid="import-raster">
      <label htmlFor={`${id}-count`}>{t('import.rasterCount')}</label>
      <select id={`${id}-count`} data-testid="import-raster-count" value={chosen} onChange={(e) => onChange(e.target.value ? { [e.target.value]: 'all' } : {})}>
        <option value="">{automatic && chosen === '' ? t('import.rasterAutomatic', { field: fieldLabel(automatic.field) }) : t('import.rasterByName')}</option>
        {COUNT_FIELDS.map((field) => (
          <option key={field} value={field}>
            {fieldLabel(field)}
          </option>
        ))}
      </select>
      {preview && (
        <table className="import-table" data-testid="import-raster-fields">
          <tbody>
            {preview.fields.map((field) => (
              <tr key={field.field} data-field={field.field} data-source={field.column ?? ''}>
                <th scope="row">{fieldLabel(field.field)}</th>
                <td className="small">{field.column ?? t('import.noColumn')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="small muted">{t('import.rasterHint', { bands: preview?.columns.length ?? 0 })}</p>
    </div>
  );
}
