/**
 * Puts the accessibility results and suggested sites on the map through an AnalysisOverlay, and
 * takes the coverage panel's own circles and gaps off the map (and out of the legend) while they
 * are shown (two different definitions of "covered" on one map would mislead), through the shared
 * layer settings, without touching the user's switches. A result of another scenario than the
 * workspace's current one is not drawn (the panel marks it stale): the map shows only what is true
 * for the scenario being worked on.
 */
import { useEffect } from 'react';
import type { FeatureCollection } from 'geojson';
import { AnalysisOverlay } from '../map/analysis_overlay';
import type { CatalogGroup } from '../map/layer_catalog';
import { LayerSettings } from '../map/layer_settings';
import type { MapController } from '../map/map_controller';
import type { AccessibilityResult } from './use_accessibility';
import type { SuggestResult } from './use_site_suggestion';
import { useWorkspace } from '../workspace/workspace_context';

const BASE_GROUPS: readonly CatalogGroup[] = ['circles', 'uncovered'];

export function useAnalysisMap(
  controller: MapController | null,
  accessibility: AccessibilityResult | null,
  suggestion: SuggestResult | null,
  selectedGap: number | null,
): AnalysisOverlay | null {
  const overlay = controller ? AnalysisOverlay.for(controller) : null;
  const scenario = useWorkspace().scenarios.current?.id ?? null;
  const fresh = accessibility === null || accessibility.params.scenario === scenario;
  accessibility = fresh ? accessibility : null;
  useEffect(() => overlay?.setStale(!fresh), [overlay, fresh]);
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
    settings.setSuppressed(BASE_GROUPS, true);
    return () => settings.setSuppressed(BASE_GROUPS, false);
  }, [controller, shown]);

  useEffect(() => overlay?.selectGap(selectedGap), [overlay, selectedGap]);
  useEffect(() => overlay?.setSites(suggestion?.task.sites ?? []), [overlay, suggestion]);
  return overlay;
}
