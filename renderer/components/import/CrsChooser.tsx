import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPreview } from '../../../shared/ipc/contract';
import { getCrsDefinition } from '../../../shared/geodesy/crs_definitions';
import { crsPickerValue } from './crs_options';
import { CrsSelect } from './CrsSelect';
import { crsReasonText } from './crs_reason';

type CrsSuggestion = ImportPreview['crsSuggestions'][number];

/**
 * Why a coordinate system is suggested, in the active language, from the host's reason code and
 * params (shared/geodesy/crs_guess.ts); a suggestion without a code (an older host) keeps its text.
 */
export function useCrsReason(): (suggestion: CrsSuggestion) => string {
  const { t } = useTranslation();
  return (suggestion) => crsReasonText(t, suggestion);
}

/** The CRS the file declares (or that is assumed), from a preview made without a CRS choice. */
export interface DetectedCrs {
  crs: string | null;
  declared: boolean;
}

/**
 * The coordinate system of the import: a picker with the detected system preselected, what the
 * coordinates fit (the host's suggestions, with reasons, each one click away) and, when a
 * suggestion says lon/lat look swapped (its `swapAxes`), the offer to swap them.
 */
export function CrsChooser({
  preview,
  detected,
  crs,
  swapAxes,
  onChange,
}: {
  preview: ImportPreview;
  detected: DetectedCrs | null;
  crs: string;
  swapAxes: boolean;
  onChange: (choice: { crs: string; swapAxes: boolean }) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const crsReason = useCrsReason();
  const suggestions = preview.crsSuggestions;
  const swapOffered = swapAxes || suggestions.some((s) => s.swapAxes);
  const detectedName = detected?.crs ?? preview.crs ?? 'EPSG:4326';
  const defaultLabel = detected?.declared === false ? t('import.crsAssumed', { crs: detectedName }) : t('import.crsDeclared', { crs: detectedName });
  const chosen = crs === '' ? crsPickerValue(detectedName) : crs;

  return (
    <fieldset className="import-crs" data-testid="import-crs-section">
      <legend>{t('import.crsHeading')}</legend>
      <label htmlFor={`${id}-crs`} className="small">
        {t('import.crs')}
      </label>
      <CrsSelect id={`${id}-crs`} value={crs} offsets defaultLabel={defaultLabel} testId="import-crs" onChange={(value) => onChange({ crs: value, swapAxes })} />
      {suggestions.length > 0 && (
        // Open when the file declares nothing; otherwise only needed if its declaration is wrong.
        <details className="import-suggestions-box" open={detected?.declared !== true}>
          <summary className="small muted">{detected?.declared === true ? t('import.crsSuggestionsDeclared') : t('import.crsSuggestions')}</summary>
          <ul className="import-suggestions" data-testid="import-crs-suggestions">
            {suggestions.map((suggestion, index) => {
              const value = crsPickerValue(suggestion.crs);
              const inUse = value !== null && value === chosen && suggestion.swapAxes === swapAxes;
              return (
                <li key={index} data-crs={suggestion.crs ?? ''} data-swap={String(suggestion.swapAxes)} data-confidence={suggestion.confidence}>
                  <div className="row wrap">
                    <span className={`confidence confidence-${suggestion.confidence}`}>{t(`import.confidence.${suggestion.confidence}`)}</span>
                    <strong>
                      {suggestion.crs ?? t('import.crsUndecided')}
                      {suggestion.swapAxes && ` · ${t('import.swapped')}`}
                    </strong>
                    {value !== null && (
                      <button type="button" className="small-button" disabled={inUse} data-testid={`import-crs-use-${index}`} onClick={() => onChange({ crs: value, swapAxes: suggestion.swapAxes })}>
                        {inUse ? t('import.inUse') : t('import.use')}
                      </button>
                    )}
                  </div>
                  <p className="small muted" data-testid={`import-crs-reason-${index}`} data-reason={suggestion.reasonCode ?? ''}>
                    {crsReason(suggestion)}
                  </p>
                  {value === null && suggestion.suggestedCodes.length > 0 && (
                    <select
                      aria-label={t('import.crsPickOne')}
                      data-testid={`import-crs-codes-${index}`}
                      value=""
                      onChange={(e) => e.target.value && onChange({ crs: e.target.value, swapAxes: suggestion.swapAxes })}
                    >
                      <option value="">{t('import.crsPickOne')}</option>
                      {suggestion.suggestedCodes.map((code) => (
                        <option key={code} value={`EPSG:${code}`}>
                          EPSG:{code} · {getCrsDefinition(code)?.name ?? ''}
                        </option>
                      ))}
                    </select>
                  )}
                </li>
              );
            })}
          </ul>
        </details>
      )}
      {swapOffered && (
        <label className="check notice notice-warning" data-testid="import-swap-offer">
          <input type="checkbox" data-testid="import-swap-axes" checked={swapAxes} onChange={(e) => onChange({ crs, swapAxes: e.target.checked })} />
          {t('import.swapAxes')}
        </label>
      )}
    </fieldset>
  );
}
