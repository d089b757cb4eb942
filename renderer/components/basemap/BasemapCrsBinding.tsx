import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBasemapCrs } from '../../map/basemap_crs_store';
import type { MapController } from '../../map/map_controller';

/**
 * Applies the basemap's coordinate system (Settings) to the map and says on the map which system
 * the basemap uses and whether the project layers are drawn shifted to match it; says too when the
 * basemap's tiles cannot be loaded (offline): the project layers, with the roads layer as context,
 * are then the whole map.
 */
export function BasemapCrsBinding({ controller, projectPath, basemapUrl, hasRoads = false }: { controller: MapController | null; projectPath: string | null; basemapUrl: string; hasRoads?: boolean }) {
  const { t } = useTranslation();
  const [crs] = useBasemapCrs(projectPath);
  const [tilesFailing, setTilesFailing] = useState(false);
  useEffect(() => controller?.setBasemapCrs(crs), [controller, crs]);
  useEffect(() => {
    if (!controller) return;
    controller.onBasemapTiles = setTilesFailing;
    return () => {
      controller.onBasemapTiles = null;
    };
  }, [controller]);
  const online = basemapUrl.trim() !== '';
  return (
    <>
      {(crs !== 'wgs84' || online) && (
        <p className={`basemap-crs-badge${crs === 'gcj02' ? ' basemap-crs-shifted' : ''}`} role="status" data-testid="basemap-crs-badge" data-crs={crs}>
          {crs === 'gcj02' ? t('basemapCrs.badgeGcj02') : t('basemapCrs.badgeWgs84')}
        </p>
      )}
      {online && tilesFailing && (
        <p className="map-status basemap-tiles-failing" role="status" data-testid="basemap-tiles-failing">
          {hasRoads ? t('shell.basemap.tilesFailingRoads') : t('shell.basemap.tilesFailing')}
        </p>
      )}
    </>
  );
}
