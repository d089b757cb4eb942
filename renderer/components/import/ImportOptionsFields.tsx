import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FACILITY_KINDS, type FacilityKind } from '../../../shared/schemas/entities';

export const ENCODINGS = ['', 'utf-8', 'gbk'] as const;
export type EncodingChoice = (typeof ENCODINGS)[number];

export interface ImportChoices {
  encoding: EncodingChoice;
  kind: FacilityKind;
  replace: boolean;
  illustrative: boolean;
}

/**
 * The import's other choices: text encoding (text formats only; detected by default), the facility
 * kind for rows without a kind column, replace or append, and the "illustrative" flag.
 */
export function ImportOptionsFields({
  value,
  onChange,
  showEncoding,
  detectedEncoding,
  showKind,
}: {
  value: ImportChoices;
  onChange: (next: ImportChoices) => void;
  showEncoding: boolean;
  detectedEncoding: string | null;
  showKind: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = <K extends keyof ImportChoices>(key: K, next: ImportChoices[K]) => onChange({ ...value, [key]: next });
  return (
    <fieldset className="stack import-options">
      <legend>{t('import.optionsHeading')}</legend>
      {showEncoding && (
        <>
          <label htmlFor={`${id}-encoding`}>{t('import.encoding')}</label>
          <select id={`${id}-encoding`} data-testid="import-encoding" value={value.encoding} onChange={(e) => set('encoding', e.target.value as EncodingChoice)}>
            {ENCODINGS.map((name) => (
              <option key={name} value={name}>
                {name === '' ? t('import.encodingAuto', { encoding: (detectedEncoding ?? t('common.unknown')).toUpperCase() }) : name.toUpperCase()}
              </option>
            ))}
          </select>
        </>
      )}
      {showKind && (
        <>
          <label htmlFor={`${id}-kind`}>{t('import.defaultKind')}</label>
          <select id={`${id}-kind`} data-testid="import-kind" value={value.kind} onChange={(e) => set('kind', e.target.value as FacilityKind)}>
            {FACILITY_KINDS.map((name) => (
              <option key={name} value={name}>
                {t(`kinds.${name}`)}
              </option>
            ))}
          </select>
        </>
      )}
      <label className="check">
        <input type="checkbox" data-testid="import-replace" checked={value.replace} onChange={(e) => set('replace', e.target.checked)} />
        {t('import.replace')}
      </label>
      <label className="check">
        <input type="checkbox" data-testid="import-illustrative" checked={value.illustrative} onChange={(e) => set('illustrative', e.target.checked)} />
        {t('import.illustrative')}
      </label>
    </fieldset>
  );
}
