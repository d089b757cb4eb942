import { useTranslation } from 'react-i18next';
import { noteField, type PopulationNote as Note } from '../../shared/import/population_note';
import { COUNT_FIELDS } from '../../shared/import/raster_fields';
import { useFormatters } from '../i18n/format';
import { useFieldLabel } from './import/FieldMappingTable';
import '../styles/raster_fields.css';

/** Sources listed in full up to this many; more are shown as first … last (count). */
const LISTED_SOURCES = 3;

/**
 * What the project's population grid holds (the note every population import rewrites, see
 * shared/import/population_note.ts): each import (date, cells, files, format, coordinate system),
 * then each count with its persons, cells and sources, or "not imported" for a count no import filled.
 */
export function PopulationNote({ note }: { note: Note | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const fieldLabel = useFieldLabel();
  if (!note) return null;
  const separator = t('populationNote.listSeparator');
  const list = (items: string[]) =>
    items.length <= LISTED_SOURCES ? items.join(separator) : t('populationNote.manySources', { first: items[0], last: items[items.length - 1], count: items.length });
  const date = (iso: string) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? iso : at.toLocaleString(format.locale, { dateStyle: 'medium', timeStyle: 'short' });
  };
  return (
    <details className="population-note" data-testid="population-note">
      <summary data-testid="population-note-toggle">{t('populationNote.heading')}</summary>
      <ul className="small">
        {note.imports.map((entry, i) => (
          <li key={i} className="muted" data-testid="population-note-import">
            {t(i === 0 ? 'populationNote.imported' : 'populationNote.appended', {
              date: date(entry.importedAt),
              cells: entry.cells,
              files: list(entry.files),
              format: entry.format.toUpperCase(),
              crs: entry.crs ?? t('common.unknown'),
            })}
          </li>
        ))}
        {COUNT_FIELDS.map((field) => {
          const known = noteField(note, field);
          return (
            <li key={field} data-testid={`population-note-${field}`} data-imported={String(known !== null)}>
              <strong>{fieldLabel(field)}</strong>
              {t('populationNote.labelSeparator')}
              {known
                ? t('populationNote.field', { total: Math.round(known.total), cells: known.cells, sources: list(known.sources) })
                : t('populationNote.notImported')}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
