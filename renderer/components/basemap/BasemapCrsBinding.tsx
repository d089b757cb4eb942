import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBasemapCrs } from '../../map/basemap_crs_store';
import type { MapController } from '../../map/map_controller';

/**
 * Applies the basemap's coordinate system (Settings) to the map and says on the map which system
 * the basemap uses and whether the project layers are drawn shifted to match it.
 */
export function BasemapCrsBinding({ controller, projectPath, basemapUrl }: { controller: MapController | null; projectPath: string | null; basemapUrl: string }) {
  const { t } = useTranslation();
  const [crs] = useBasemapCrs(projectPath);
  useEffect(() => controller?.setBasemapCrs(crs), [controller, crs]);
  // Offline (no basemap) in WGS84 there is nothing to say; a GCJ-02 shift is always announced.
  if (crs === 'wgs84' && basemapUrl.trim() === '') return null;
  return (
    <p className={`basemap-crs-badge${crs === 'gcj02' ? ' basemap-crs-shifted' : ''}`} role="status" data-testid="basemap-crs-badge" data-crs={crs}>
      {crs === 'gcj02' ? t('basemapCrs.badgeGcj02') : t('basemapCrs.badgeWgs84')}
    </p>
  );
}
