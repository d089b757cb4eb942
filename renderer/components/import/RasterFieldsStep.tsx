import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileSource, ImportOptions, ImportPreview } from '../../../shared/ipc/contract';
import { COUNT_FIELDS, partBands, suggestRasterFields, type CountField, type RasterFields } from '../../../shared/import/raster_fields';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { useFieldLabel } from './FieldMappingTable';
import '../../styles/raster_fields.css';

/** The dialog's choice of files and bands per count, and the import options it makes. */
export interface RasterFieldsState {
  /** null until the files have been read and a suggestion made. */
  fields: RasterFields | null;
  setFields: (fields: RasterFields) => void;
  /** `{ fields }` once chosen, else nothing (the importer then goes by the file names). */
  options: Pick<ImportOptions, 'fields'>;
  /** The files and their band counts as last read by the preview (kept while a later preview fails). */
  rasters: readonly Raster[] | null;
  setRasters: (rasters: readonly Raster[]) => void;
}

/** The suggestion for the chosen files by their names alone (every band of a file), or null when they are not all GeoTIFFs. */
function suggestionFor(fileNames: readonly string[]): RasterFields | null {
  if (fileNames.length === 0 || !fileNames.every((name) => /\.tiff?$/i.test(name))) return null;
  return suggestRasterFields(fileNames.map((name) => ({ name, bandCount: 1 })));
}

/**
 * Keeps the choice of files and bands per count. A new layer or file starts again from the
 * suggestion by the file names, made at once (before the first preview), so the host reads the
 * files once for the preview rather than once without the choice and again with it.
 */
export function useRasterFields(layer: ImportableLayer, source: FileSource, fileNames: readonly string[]): RasterFieldsState {
  const [state, setState] = useState(() => ({ layer, source, fields: suggestionFor(fileNames), rasters: null as readonly Raster[] | null }));
  const current = state.layer === layer && state.source === source ? state : { layer, source, fields: suggestionFor(fileNames), rasters: null };
  if (current !== state) setState(current);
  const { fields, rasters } = current;
  const setFields = useCallback((next: RasterFields) => setState((s) => ({ ...s, fields: next })), []);
  const setRasters = useCallback((next: readonly Raster[]) => setState((s) => ({ ...s, rasters: next })), []);
  const options = useMemo(() => (fields ? { fields } : {}), [fields]);
  return { fields, setFields, options, rasters, setRasters };
}

export interface Raster {
  name: string;
  bandCount: number;
}

/** Whether `band` (1-based) of `file` is summed into `field`. */
function ticked(fields: RasterFields, field: CountField, file: string, band: number, bandCount: number): boolean {
  return (fields[field] ?? []).some((part) => part.file === file && partBands(part, bandCount).includes(band));
}

/** The fields with one band of one file ticked or not; parts stay in file order (the order they are summed in). */
function toggle(fields: RasterFields, rasters: readonly Raster[], field: CountField, file: string, band: number): RasterFields {
  const next: RasterFields = { ...fields };
  const parts = rasters.flatMap((raster) => {
    const bands = new Set((fields[field] ?? []).filter((p) => p.file === raster.name).flatMap((p) => partBands(p, raster.bandCount)));
    if (raster.name === file) {
      if (bands.has(band)) bands.delete(band);
      else bands.add(band);
    }
    if (bands.size === 0) return [];
    return [{ file: raster.name, bands: bands.size === raster.bandCount ? ('all' as const) : [...bands].sort((a, b) => a - b) }];
  });
  if (parts.length > 0) next[field] = parts;
  else delete next[field];
  return next;
}

/**
 * GeoTIFF population, the raster fields step: which files (or bands of a multi-band file) are added
 * up, cell by cell, into each count — total population, 60+, 65+, 80+ — in one import. One row per
 * file (per band for a multi-band file), one column of ticks per count; a count with nothing ticked
 * is not imported. It starts from a suggestion by file names (a WorldPop age/sex set ticks every
 * count it completes: the ten 60+ files give 60+, 65+ and 80+) once the host has read the files and
 * their bands; until then the chosen files are listed. The host's preview refuses (with a coded,
 * translated error naming the file) files on different grids and a file that feeds no count.
 */
export function RasterFieldsStep({ preview, fileNames, state }: { preview: ImportPreview | null; fileNames: readonly string[]; state: RasterFieldsState }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const { fields, setFields, rasters, setRasters } = state;
  // the choice starts as the suggestion (useRasterFields)
  const [suggested, setSuggested] = useState(true);
  // The files' bands come with a successful preview; a preview refused for the ticks (a file that
  // feeds no count) keeps the table, so that the ticks can be corrected.
  const read = preview?.rasters;
  useEffect(() => {
    if (read && JSON.stringify(read) !== JSON.stringify(rasters)) setRasters(read);
  }, [read, rasters, setRasters]);

  useEffect(() => {
    if (rasters && fields === null) {
      setFields(suggestRasterFields(rasters));
      setSuggested(true);
    }
  }, [rasters, fields, setFields]);

  if (!rasters || !fields) {
    return (
      <div className="stack" data-testid="raster-fields-step" data-ready="false">
        <p className="small muted" data-testid="raster-fields-waiting">
          {t('rasterFields.waiting')}
        </p>
        <ul className="small raster-fields-files">
          {fileNames.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      </div>
    );
  }

  const rows = rasters.flatMap((raster) =>
    Array.from({ length: raster.bandCount }, (_, b) => ({ raster, band: b + 1, label: raster.bandCount === 1 ? null : t('rasterFields.band', { band: b + 1 }) })),
  );
  const tickedCount = (field: CountField) => rows.filter((row) => ticked(fields, field, row.raster.name, row.band, row.raster.bandCount)).length;
  return (
    <div className="stack" data-testid="raster-fields-step" data-ready="true">
      <p className="small">{t('rasterFields.intro')}</p>
      {suggested && <p className="small muted">{t('rasterFields.suggested')}</p>}
      <div className="raster-fields-scroll">
        <table className="import-table raster-fields-table" data-testid="raster-fields-table">
          <thead>
            <tr>
              <th scope="col">{t('rasterFields.source')}</th>
              {COUNT_FIELDS.map((field) => (
                <th key={field} scope="col" className="raster-fields-count">
                  {fieldLabel(field)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ raster, band, label }) => (
              <tr key={`${raster.name}:${band}`} data-testid="raster-fields-row" data-file={raster.name} data-band={band}>
                <th scope="row" className="raster-fields-file" title={raster.name}>
                  {raster.name}
                  {label && <span className="muted"> · {label}</span>}
                </th>
                {COUNT_FIELDS.map((field) => (
                  <td key={field} className="raster-fields-count">
                    <input
                      type="checkbox"
                      data-testid="raster-field-check"
                      data-field={field}
                      data-file={raster.name}
                      data-band={band}
                      aria-label={`${fieldLabel(field)} ← ${raster.name}${label ? ` · ${label}` : ''}`}
                      checked={ticked(fields, field, raster.name, band, raster.bandCount)}
                      onChange={() => {
                        setFields(toggle(fields, rasters, field, raster.name, band));
                        setSuggested(false);
                      }}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" />
              {COUNT_FIELDS.map((field) => {
                const count = tickedCount(field);
                return (
                  <td key={field} className="raster-fields-count small" data-testid={`raster-fields-total-${field}`} data-count={count}>
                    {count > 0 ? t('rasterFields.ticked', { count }) : <span className="muted">{t('rasterFields.notImported')}</span>}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        </table>
      </div>
      <div>
        <button
          type="button"
          className="link small"
          data-testid="raster-fields-suggest"
          onClick={() => {
            setFields(suggestRasterFields(rasters));
            setSuggested(true);
          }}
        >
          {t('rasterFields.suggest')}
        </button>
      </div>
    </div>
  );
}
