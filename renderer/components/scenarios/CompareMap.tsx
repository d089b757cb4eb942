import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import type { FacilityKind, Proposal } from '../../../shared/schemas/entities';
import type { ClassBreaks } from '../../../shared/map_style/class_breaks';
import { MapController } from '../../map/map_controller';
import type { PopulationRaster } from '../../map/population_raster';
import { WorkspaceMapLayers } from '../../workspace/map/workspace_map_layers';

export interface CompareMapData {
  raster: PopulationRaster | null;
  values: Float64Array | null;
  classes: ClassBreaks | null;
  facilities: FeatureCollection;
  circles: FeatureCollection;
  boundaries: FeatureCollection;
  radiusM: number;
  /** The analysis kinds (proposals of these kinds get a service circle). */
  kinds: readonly FacilityKind[];
}

/**
 * One of the two maps of a scenario comparison: the same base data, the scenario's proposals with
 * their service circles, and the cells its facilities leave uncovered. Not editable.
 */
export function CompareMap({
  label,
  data,
  proposals,
  uncoveredFids,
  onController,
  testId,
}: {
  label: string;
  data: CompareMapData;
  proposals: readonly Proposal[] | null;
  uncoveredFids: readonly number[] | null;
  onController: (controller: MapController | null) => void;
  testId: string;
}) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<MapController | null>(null);
  const [layers, setLayers] = useState<WorkspaceMapLayers | null>(null);

  // The map is created once; the latest onController is told about it.
  const report = useRef(onController);
  report.current = onController;
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const created = new MapController(container);
    setController(created);
    setLayers(new WorkspaceMapLayers(created));
    report.current(created);
    return () => {
      report.current(null);
      created.destroy();
    };
  }, []);

  useEffect(() => controller?.setPopulationRaster(data.raster, data.values, data.classes), [controller, data.raster, data.values, data.classes]);
  useEffect(() => controller?.setFacilities(data.facilities), [controller, data.facilities]);
  useEffect(() => controller?.setServiceCircles(data.circles), [controller, data.circles]);
  useEffect(() => controller?.setBoundaries(data.boundaries), [controller, data.boundaries]);
  useEffect(() => controller?.setUncovered(uncoveredFids ? [...uncoveredFids] : null), [controller, uncoveredFids]);
  useEffect(() => layers?.setProposals(proposals ?? [], data.radiusM, data.kinds), [layers, proposals, data.radiusM, data.kinds]);

  return (
    <div className="compare-map" role="region" aria-label={label}>
      <div ref={containerRef} className="map" data-testid={testId} />
      <p className="compare-map-label">{label}</p>
    </div>
  );
}
