import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/ipc/contract';
import { FACILITY_KINDS, type FacilityKind } from '../../../shared/schemas/entities';
import { KIND_SKIP, type FacilityKindMap, type FacilityKindTarget } from '../../../shared/schemas/facility_kind_map';
import { useFormatters } from '../../i18n/format';

type KindValue = NonNullable<ImportPreview['kindValues']>[number];

/** A value's target as the dialog shows it: the user's choice in this dialog, else the host's. */
export function chosenKind(entry: KindValue, choices: Readonly<FacilityKindMap>): FacilityKindTarget | null {
  return Object.prototype.hasOwnProperty.call(choices, entry.value) ? choices[entry.value] : entry.kind;
}

/** The values still without a kind (after the dialog's choices). */
export function unmappedKindValues(values: readonly KindValue[] | undefined, choices: Readonly<FacilityKindMap>): KindValue[] {
  return (values ?? []).filter((entry) => chosenKind(entry, choices) === null);
}

/**
 * The import preview's value-mapping step for facility kinds: every distinct value of the kind
 * column over the whole file, its row count and the kind it becomes (a select per value: the kinds,
 * or "leave out"), with where the preselection came from (recognised name, last import's choice,
 * default kind). Values nothing recognises are listed with their counts and must be given a kind
 * ("Other" included) or left out before the import can start; rows per kind are summed below.
 */
export function KindMappingTable({
  values,
  column,
  choices,
  onChange,
}: {
  values: readonly KindValue[];
  column: string;
  choices: Readonly<FacilityKindMap>;
  onChange: (next: FacilityKindMap) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const unmapped = unmappedKindValues(values, choices);
  const unmappedRows = unmapped.reduce((sum, entry) => sum + entry.count, 0);
  const perKind = new Map<FacilityKindTarget, number>();
  for (const entry of values) {
    const kind = chosenKind(entry, choices);
    if (kind !== null) perKind.set(kind, (perKind.get(kind) ?? 0) + entry.count);
  }
  const targetLabel = (kind: FacilityKindTarget) => (kind === KIND_SKIP ? t('import.kindMapping.skip') : t(`kinds.${kind}`));
  const valueLabel = (value: string) => (value === '' ? t('import.kindMapping.empty') : value);
  const setAll = (entries: readonly KindValue[], kind: FacilityKindTarget) =>
    onChange({ ...choices, ...Object.fromEntries(entries.map((entry) => [entry.value, kind])) });
  const sourceText = (entry: KindValue): string => {
    if (Object.prototype.hasOwnProperty.call(choices, entry.value) || entry.source === 'map') return t('import.kindMapping.sourceMap');
    return {
      synonym: t('import.kindMapping.sourceSynonym'),
      remembered: t('import.kindMapping.sourceRemembered'),
      default: t('import.kindMapping.sourceDefault'),
      none: t('import.kindMapping.sourceNone'),
    }[entry.source as 'synonym' | 'remembered' | 'default' | 'none'];
  };

  return (
    <div className="stack import-kind-mapping" data-testid="import-kind-mapping" data-unmapped={unmapped.length}>
      <p className="small muted">{t('import.kindMapping.hint', { column })}</p>
      {unmapped.length > 0 && (
        <div className="notice notice-warning small" data-testid="import-kind-unmapped" data-count={unmapped.length} data-rows={unmappedRows}>
          <p>
            {t('import.kindMapping.unmapped', {
              count: unmapped.length,
              rows: unmappedRows,
              values: unmapped.map((entry) => `${valueLabel(entry.value)} (${format.count(entry.count)})`).join(t('import.kindMapping.listSeparator')),
            })}
          </p>
          <div className="row wrap">
            <button type="button" className="small-button" data-testid="import-kind-unmapped-other" onClick={() => setAll(unmapped, 'other')}>
              {t('import.kindMapping.allOther')}
            </button>
            <button type="button" className="small-button" data-testid="import-kind-unmapped-skip" onClick={() => setAll(unmapped, KIND_SKIP)}>
              {t('import.kindMapping.allSkip')}
            </button>
          </div>
        </div>
      )}
      <table className="import-table import-kind-table" data-testid="import-kind-table">
        <caption className="visually-hidden">{t('import.kindMapping.heading')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.kindMapping.value')}</th>
            <th scope="col" className="numeric">
              {t('import.kindMapping.rows')}
            </th>
            <th scope="col">{t('import.kindMapping.kind')}</th>
            <th scope="col">{t('import.kindMapping.basis')}</th>
          </tr>
        </thead>
        <tbody>
          {values.map((entry, index) => {
            const kind = chosenKind(entry, choices);
            const selectId = `import-kind-select-${index}`;
            return (
              <tr
                key={entry.value}
                data-testid="import-kind-row"
                data-value={entry.value}
                data-count={entry.count}
                data-kind={kind ?? ''}
                data-source={Object.prototype.hasOwnProperty.call(choices, entry.value) ? 'map' : entry.source}
                className={kind === null ? 'missing' : undefined}
              >
                <th scope="row">
                  <label htmlFor={selectId}>{valueLabel(entry.value)}</label>
                </th>
                <td className="numeric">{format.count(entry.count)}</td>
                <td>
                  <select
                    id={selectId}
                    data-testid={selectId}
                    value={kind ?? ''}
                    aria-invalid={kind === null}
                    onChange={(e) => e.target.value !== '' && onChange({ ...choices, [entry.value]: e.target.value as FacilityKindTarget })}
                  >
                    {kind === null && <option value="">{t('import.kindMapping.choose')}</option>}
                    {FACILITY_KINDS.map((name: FacilityKind) => (
                      <option key={name} value={name}>
                        {t(`kinds.${name}`)}
                      </option>
                    ))}
                    <option value={KIND_SKIP}>{t('import.kindMapping.skip')}</option>
                  </select>
                </td>
                <td className="small muted">{sourceText(entry)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="small" data-testid="import-kind-per-kind">
        {t('import.kindMapping.perKind', {
          list: [...perKind].map(([kind, count]) => `${targetLabel(kind)} ${format.count(count)}`).join(t('import.kindMapping.listSeparator')),
        })}
      </p>
    </div>
  );
}
