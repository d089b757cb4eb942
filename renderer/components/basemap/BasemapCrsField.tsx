import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useBasemapCrs } from '../../map/basemap_crs_store';
import { BASEMAP_CRS_VALUES } from '../../map/coordinate_shift';
import { useProject } from '../../state/app_context';

/**
 * Settings: which coordinate system the basemap's tiles use. GCJ-02 (AutoNavi/Amap) draws the
 * project layers shifted to match; data, analyses and exports stay WGS84. Applies at once and is
 * remembered per project file in this browser (basemap_crs_store.ts).
 */
export function BasemapCrsField() {
  const { t } = useTranslation();
  const id = useId();
  const projectPath = useProject().data?.path ?? null;
  const [crs, setCrs] = useBasemapCrs(projectPath);
  return (
    <fieldset className="stack" data-testid="basemap-crs" aria-describedby={`${id}-hint`}>
      <legend>{t('basemapCrs.label')}</legend>
      {BASEMAP_CRS_VALUES.map((value) => (
        <label key={value} className="check">
          <input type="radio" name={`${id}-crs`} value={value} data-testid={`basemap-crs-${value}`} checked={crs === value} onChange={() => setCrs(value)} />
          {t(`basemapCrs.${value}`)}
        </label>
      ))}
      <p id={`${id}-hint`} className="muted small">
        {t('basemapCrs.hint')}
      </p>
    </fieldset>
  );
}
