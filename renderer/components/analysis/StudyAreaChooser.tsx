import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BOUNDARY_LEVELS } from '../../../shared/schemas/entities';
import type { StudyAreaState } from '../../analysis/use_study_area';
import { ErrorNotice } from '../ErrorNotice';

/**
 * "Analyse and plan within: whole project / <area>": one area from a list grouped by level, or
 * several ticked in a list below. The choice is stored in the project (the CLI uses it too).
 */
export function StudyAreaChooser({ studyArea, hasBoundaries }: { studyArea: StudyAreaState; hasBoundaries: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const info = studyArea.info.data;
  const chosen = studyArea.areaIds;
  const choices = useMemo(() => info?.choices ?? [], [info]);
  const [ticked, setTicked] = useState<string[]>(chosen);
  const chosenKey = chosen.join('\u0000');
  // Another choice stored (here, by the CLI, or after reopening): the ticks follow it.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setTicked(chosen), [chosenKey]);
  const byLevel = BOUNDARY_LEVELS.map((level) => ({ level, areas: choices.filter((c) => c.level === level) })).filter((group) => group.areas.length > 0);
  const value = chosen.length === 0 ? '' : chosen.length === 1 ? chosen[0] : '*several';
  const names = info?.areas.map((a) => a.name).join('、') ?? '';

  return (
    <section className="section study-area" aria-labelledby={`${id}-heading`} data-testid="study-area" data-area-ids={chosen.join(',')}>
      <h2 id={`${id}-heading`}>{t('plan.studyArea.heading')}</h2>
      {!hasBoundaries ? (
        <p className="muted small" data-testid="study-area-no-boundaries">
          {t('plan.studyArea.noBoundaries')}
        </p>
      ) : (
        <>
          <label htmlFor={`${id}-select`}>{t('plan.studyArea.label')}</label>
          <select
            id={`${id}-select`}
            data-testid="study-area-select"
            value={value}
            disabled={studyArea.saving || !info}
            onChange={(e) => {
              if (e.target.value !== '*several') void studyArea.setAreas(e.target.value === '' ? [] : [e.target.value]);
            }}
          >
            <option value="">{t('plan.studyArea.whole')}</option>
            {chosen.length > 1 && <option value="*several">{t('plan.studyArea.several', { count: chosen.length, names })}</option>}
            {byLevel.map((group) => (
              <optgroup key={group.level} label={t(`areas.levels.${group.level}`)}>
                {group.areas.map((area) => (
                  <option key={area.id} value={area.id}>
                    {area.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {choices.length > 1 && (
            <details className="study-area-several" data-testid="study-area-several">
              <summary>{t('plan.studyArea.chooseSeveral')}</summary>
              <div className="study-area-list">
                {byLevel.map((group) => (
                  <fieldset key={group.level}>
                    <legend>{t(`areas.levels.${group.level}`)}</legend>
                    {group.areas.map((area) => (
                      <label key={area.id} className="check">
                        <input
                          type="checkbox"
                          data-testid="study-area-tick"
                          data-id={area.id}
                          checked={ticked.includes(area.id)}
                          onChange={(e) => setTicked((now) => (e.target.checked ? [...now, area.id] : now.filter((x) => x !== area.id)))}
                        />
                        {area.name}
                      </label>
                    ))}
                  </fieldset>
                ))}
              </div>
              <button type="button" data-testid="study-area-apply" disabled={studyArea.saving} onClick={() => void studyArea.setAreas(ticked)}>
                {t('plan.studyArea.apply')}
              </button>
            </details>
          )}
          {studyArea.saving && (
            <p className="status" role="status">
              <span className="spinner" aria-hidden="true" />
              {t('plan.studyArea.saving')}
            </p>
          )}
          {info && info.missing.length > 0 && (
            <p className="notice notice-warning" data-testid="study-area-missing">
              {t('plan.studyArea.missing', { ids: info.missing.join(', ') })}
            </p>
          )}
          <p className="muted small">{t('plan.studyArea.hint')}</p>
        </>
      )}
      <ErrorNotice error={studyArea.error ?? studyArea.info.error} testId="study-area-error" />
    </section>
  );
}
