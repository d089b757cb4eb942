/**
 * Puts the accessibility results and suggested sites on the map through an AnalysisOverlay, and
 * switches off the coverage panel's own circles and hatch while they are shown (two different
 * definitions of "covered" on one map would mislead) through the shared layer settings, so the
 * layers panel shows it; what it switched off is switched on again afterwards.
 */
import { useEffect } from 'react';
import type { FeatureCollection } from 'geojson';
import { AnalysisOverlay } from '../map/analysis_overlay';
import type { CatalogGroup } from '../map/layer_catalog';
import { LayerSettings } from '../map/layer_settings';
import type { MapController } from '../map/map_controller';
import type { AccessibilityResult } from './use_accessibility';
import type { SuggestResult } from './use_site_suggestion';

const BASE_GROUPS: readonly CatalogGroup[] = ['circles', 'uncovered'];

export function useAnalysisMap(
  controller: MapController | null,
  accessibility: AccessibilityResult | null,
  suggestion: SuggestResult | null,
  selectedGap: number | null,
): AnalysisOverlay | null {
  const overlay = controller ? AnalysisOverlay.for(controller) : null;
  // Leaving (another project, no project): take the results off the map.
  useEffect(() => () => overlay?.clear(), [overlay]);

  useEffect(() => {
    if (!overlay) return;
    const task = accessibility?.task ?? null;
    overlay.setTravelTime(task?.travelTime?.drawing ?? null, task?.travelTime?.cellClass.length ?? 0);
    overlay.setServiceAreas((task?.serviceAreas as FeatureCollection | undefined) ?? null);
    overlay.setGaps((task?.summary.gaps?.geojson as FeatureCollection | undefined) ?? null);
  }, [overlay, accessibility]);

  const shown = accessibility !== null;
  useEffect(() => {
    if (!controller || !shown) return;
    const settings = LayerSettings.for(controller);
    const hidden = BASE_GROUPS.filter((group) => settings.getState().visible[group]);
    for (const group of hidden) settings.setVisible(group, false);
    return () => {
      for (const group of hidden) settings.setVisible(group, true);
    };
  }, [controller, shown]);

  useEffect(() => overlay?.selectGap(selectedGap), [overlay, selectedGap]);
  useEffect(() => overlay?.setSites(suggestion?.task.sites ?? []), [overlay, suggestion]);
  return overlay;
}
