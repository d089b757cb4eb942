/**
 * The workspace's part of a map: proposals (selectable, draggable), their service circles, service
 * areas per threshold, candidate sites, estates and roads. Works on any MapController (the main map
 * and the two maps of a scenario comparison); only the main map gets the editing interactions.
 */
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type * as maplibregl from 'maplibre-gl';
import { isOfKinds } from '../../../shared/engine/facilities_in_service';
import type { FacilityKind, Proposal } from '../../../shared/schemas/entities';
import type { MapController } from '../../map/map_controller';
import { THRESHOLDS_M, WORKSPACE_SOURCE } from './workspace_style';

const CIRCLE_STEPS = 64;
/** A press that moves less than this many pixels is a click, not a drag. */
const DRAG_TOLERANCE_PX = 3;
/** How near (pixels) a click in "place" mode must be to a candidate site to take it over. */
const SNAP_PX = 10;

export interface SitePoint {
  id: string;
  lon: number;
  lat: number;
  kind: string;
}

export interface EditCallbacks {
  /** Whether clicks place a proposal now. */
  placing(): boolean;
  editable(): boolean;
  /** A click in "place" mode: on a candidate site (its properties) or anywhere. */
  place(lon: number, lat: number, candidate: Record<string, unknown> | null): void;
  select(id: string | null): void;
  dragMove(id: string, lon: number, lat: number): void;
  dragEnd(id: string, lon: number, lat: number): void;
}

function circle(lon: number, lat: number, radiusM: number, properties: Record<string, unknown>): Feature<Polygon> {
  const shape = turf.circle([lon, lat], radiusM, { steps: CIRCLE_STEPS, units: 'meters' });
  return { type: 'Feature', properties, geometry: shape.geometry };
}

/** Circles of every site at every threshold, tagged with `radiusM` for the per-threshold layers. */
export function thresholdCircles(sites: readonly SitePoint[], thresholdsM: readonly number[] = THRESHOLDS_M): FeatureCollection<Polygon> {
  const features: Feature<Polygon>[] = [];
  for (const radiusM of thresholdsM) for (const site of sites) features.push(circle(site.lon, site.lat, radiusM, { radiusM, id: site.id }));
  return { type: 'FeatureCollection', features };
}

export class WorkspaceMapLayers {
  private readonly map: maplibregl.Map;
  private selected: string | null = null;
  private detach: (() => void) | null = null;
  /** The candidate sites as given (rendered features carry tile-rounded coordinates). */
  private candidates: FeatureCollection = { type: 'FeatureCollection', features: [] };

  constructor(private readonly controller: MapController) {
    this.map = controller.map;
  }

  /** Proposals as points (feature id = index, `pid` = proposal id) and circles of `radiusM` round those of the analysis kinds. */
  setProposals(proposals: readonly Proposal[], radiusM: number, kinds: readonly FacilityKind[]): void {
    const points: FeatureCollection<Point> = {
      type: 'FeatureCollection',
      features: proposals.map((p) => ({
        type: 'Feature',
        properties: { pid: p.id, name: p.name, kind: p.kind },
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      })),
    };
    const circles: FeatureCollection<Polygon> = {
      type: 'FeatureCollection',
      features: proposals.filter((p) => isOfKinds(p, kinds)).map((p) => circle(p.lon, p.lat, radiusM, { pid: p.id })),
    };
    this.controller.container.dataset.proposals = String(proposals.length);
    this.controller.setSource(WORKSPACE_SOURCE.proposals, points);
    this.controller.setSource(WORKSPACE_SOURCE.proposalCircles, circles);
    this.setSelected(this.selected);
  }

  setSelected(id: string | null): void {
    const previous = this.selected;
    this.selected = id;
    this.controller.whenReady(() => {
      if (previous && previous !== id) this.map.setFeatureState({ source: WORKSPACE_SOURCE.proposals, id: previous }, { selected: false });
      if (id) this.map.setFeatureState({ source: WORKSPACE_SOURCE.proposals, id }, { selected: true });
    });
  }

  setThresholdAreas(areas: FeatureCollection): void {
    this.controller.setSource(WORKSPACE_SOURCE.thresholds, areas);
  }

  setCandidates(candidates: FeatureCollection): void {
    this.candidates = candidates;
    this.controller.setSource(WORKSPACE_SOURCE.candidates, candidates);
  }

  setEstates(estates: FeatureCollection): void {
    this.controller.setSource(WORKSPACE_SOURCE.estates, estates);
  }

  setRoads(roads: FeatureCollection): void {
    this.controller.setSource(WORKSPACE_SOURCE.roads, roads);
  }

  /** Placing, selecting and dragging proposals on this map. Returns a function that removes them. */
  attachEditing(callbacks: EditCallbacks): () => void {
    this.detach?.();
    const map = this.map;
    const hitProposal = (point: maplibregl.PointLike): string | null => {
      if (!map.getLayer('proposals-circle')) return null;
      const [hit] = map.queryRenderedFeatures(point, { layers: ['proposals-circle'] });
      return hit ? String(hit.properties.pid) : null;
    };
    const nearCandidate = (point: maplibregl.Point): Record<string, unknown> | null => {
      const box: [maplibregl.PointLike, maplibregl.PointLike] = [
        [point.x - SNAP_PX, point.y - SNAP_PX],
        [point.x + SNAP_PX, point.y + SNAP_PX],
      ];
      const [hit] = map.getLayer('candidates-circle') ? map.queryRenderedFeatures(box, { layers: ['candidates-circle'] }) : [];
      if (!hit) return null;
      const site = this.candidates.features.find((feature) => feature.id === hit.id && hit.id !== undefined);
      const geometry = (site ?? hit).geometry;
      if (geometry.type !== 'Point') return null;
      const [lon, lat] = geometry.coordinates;
      return { ...(site?.properties ?? hit.properties), lon, lat };
    };

    this.controller.clickInterceptor = (event) => {
      if (callbacks.placing()) {
        const candidate = nearCandidate(event.point);
        const lon = candidate ? Number(candidate.lon) : event.lngLat.lng;
        const lat = candidate ? Number(candidate.lat) : event.lngLat.lat;
        callbacks.place(lon, lat, candidate);
        return true;
      }
      const id = hitProposal(event.point);
      if (id) {
        callbacks.select(id);
        return true;
      }
      return false;
    };

    let drag: { id: string; start: maplibregl.Point; moved: boolean } | null = null;
    // Pointer moves come faster than frames: show the latest position once per frame.
    let frame = 0;
    let latest: maplibregl.LngLat | null = null;
    const onMove = (event: maplibregl.MapMouseEvent) => {
      if (!drag) return;
      if (!drag.moved && event.point.dist(drag.start) < DRAG_TOLERANCE_PX) return;
      drag.moved = true;
      latest = event.lngLat;
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        if (drag && latest) callbacks.dragMove(drag.id, latest.lng, latest.lat);
      });
    };
    const onUp = (event: maplibregl.MapMouseEvent) => {
      map.off('mousemove', onMove);
      cancelAnimationFrame(frame);
      frame = 0;
      const finished = drag;
      drag = null;
      map.getCanvas().style.cursor = '';
      if (finished?.moved) callbacks.dragEnd(finished.id, event.lngLat.lng, event.lngLat.lat);
    };
    const onDown = (event: maplibregl.MapMouseEvent) => {
      if (event.originalEvent.button !== 0 || callbacks.placing() || !callbacks.editable()) return;
      const id = hitProposal(event.point);
      if (!id) return;
      // Keeps the map from panning: this press moves the proposal.
      event.preventDefault();
      drag = { id, start: event.point, moved: false };
      callbacks.select(id);
      map.getCanvas().style.cursor = 'grabbing';
      map.on('mousemove', onMove);
      map.once('mouseup', onUp);
    };
    const onHover = (event: maplibregl.MapMouseEvent) => {
      if (drag) return;
      const canvas = map.getCanvas();
      if (callbacks.placing()) canvas.style.cursor = 'crosshair';
      else if (hitProposal(event.point)) canvas.style.cursor = callbacks.editable() ? 'grab' : 'pointer';
    };
    map.on('mousedown', onDown);
    map.on('mousemove', onHover);
    this.detach = () => {
      map.off('mousedown', onDown);
      map.off('mousemove', onHover);
      map.off('mousemove', onMove);
      this.controller.clickInterceptor = null;
      this.detach = null;
    };
    return () => this.detach?.();
  }
}
