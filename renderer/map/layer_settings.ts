/**
 * Visibility, opacity and draw order of the map's layer groups, the population layer's age group and
 * the facility filter (kinds, statuses): one store per map, read by the legend and the layers panel
 * (useSyncExternalStore) and applied to MapLibre here, so both always show the same state.
 */
import type * as maplibregl from 'maplibre-gl';
import { useSyncExternalStore } from 'react';
import { FACILITY_KINDS, FACILITY_STATUSES, type FacilityKind, type FacilityStatus } from '../../shared/schemas/entities';
import type { ClassMethod } from '../../shared/map_style/class_breaks';
import type { ClassDomainKind } from '../../shared/map_style/class_domain';
import { CATALOG_GROUPS, HIDDEN_AT_START, LAYER_CATALOG, OPACITY_PROPERTIES, type AgeGroup, type CatalogGroup } from './layer_catalog';
import { labelLayers } from './label_style';
import { UNBUILT_FILTER, UNCOVERED_HATCH_LAYERS } from './map_style';
import type { MapController } from './map_controller';

export interface LayerSettingsState {
  visible: Record<CatalogGroup, boolean>;
  /** 0..1, multiplies each layer's own opacity. */
  opacity: Record<CatalogGroup, number>;
  /** Groups that have layers on the map, bottom to top as drawn now. */
  order: CatalogGroup[];
  ageGroup: AgeGroup;
  /** Age groups the grid has values for (set by the map view once the grid is loaded). */
  ageGroups: AgeGroup[];
  facilityKinds: FacilityKind[];
  facilityStatuses: FacilityStatus[];
  /** Cells the population classes are computed over (see class_domain.ts). */
  classDomain: ClassDomainKind;
  classMethod: ClassMethod;
  /** Fids of the population cells inside the project's study area; null: no study area (the domain is not offered). */
  studyAreaFids: ReadonlySet<number> | null;
  /** How uncovered cells are marked: an outline only (class colours untouched) or outline and hatch. */
  uncoveredDisplay: UncoveredDisplay;
  /**
   * Groups the app has taken off the map for now (e.g. the coverage circles while an accessibility
   * result is shown): drawn nowhere and listed in no legend, whatever their switch says.
   */
  suppressed: CatalogGroup[];
}

export const UNCOVERED_DISPLAYS = ['outline', 'hatch'] as const;
export type UncoveredDisplay = (typeof UNCOVERED_DISPLAYS)[number];

/** Layers of the uncovered group drawn only in the 'hatch' display. */
const HATCH_LAYERS: ReadonlySet<string> = new Set(UNCOVERED_HATCH_LAYERS);

const stores = new WeakMap<MapController, LayerSettings>();

export class LayerSettings {
  private state: LayerSettingsState;
  private readonly listeners = new Set<() => void>();
  /** Each layer's own opacity values (number or expression) before any change here. */
  private readonly originals = new Map<string, unknown>();

  static for(controller: MapController): LayerSettings {
    let store = stores.get(controller);
    if (!store) {
      store = new LayerSettings(controller);
      stores.set(controller, store);
    }
    return store;
  }

  private constructor(private readonly controller: MapController) {
    this.state = {
      visible: Object.fromEntries(CATALOG_GROUPS.map((g) => [g, !HIDDEN_AT_START.has(g)])) as Record<CatalogGroup, boolean>,
      opacity: Object.fromEntries(CATALOG_GROUPS.map((g) => [g, 1])) as Record<CatalogGroup, number>,
      order: [...CATALOG_GROUPS],
      ageGroup: 'elderly',
      ageGroups: ['elderly'],
      facilityKinds: [...FACILITY_KINDS],
      facilityStatuses: [...FACILITY_STATUSES],
      classDomain: 'project',
      classMethod: 'quantile',
      studyAreaFids: null,
      uncoveredDisplay: 'outline',
      suppressed: [],
    };
    controller.whenReady(() => {
      this.update({ order: this.drawOrder() });
      // The hatch layers start hidden (the default display is the outline only).
      this.applyVisible('uncovered', this.state.visible.uncovered);
    });
    // Layers added later (analysis results) take the group's current switch and opacity.
    controller.map.on('styledata', () => this.refreshOrder());
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): LayerSettingsState => this.state;

  private update(patch: Partial<LayerSettingsState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }

  private get map(): maplibregl.Map {
    return this.controller.map;
  }

  private layersOf(group: CatalogGroup): string[] {
    return LAYER_CATALOG[group].filter((id) => this.map.getLayer(id) !== undefined);
  }

  /** Groups with layers on the map, bottom to top by their lowest layer. */
  private drawOrder(): CatalogGroup[] {
    const position = new Map((this.map.getStyle()?.layers ?? []).map((layer, index) => [layer.id, index]));
    const placed: Array<[CatalogGroup, number]> = [];
    for (const group of CATALOG_GROUPS) {
      const indexes = LAYER_CATALOG[group].map((id) => position.get(id)).filter((i): i is number => i !== undefined);
      if (indexes.length > 0) placed.push([group, Math.min(...indexes)]);
    }
    return placed.sort((a, b) => a[1] - b[1]).map(([group]) => group);
  }

  private refreshOrder(): void {
    const order = this.drawOrder();
    if (order.join() !== this.state.order.join()) {
      const added = order.filter((group) => !this.state.order.includes(group));
      this.update({ order });
      for (const group of added) {
        if (!this.isDrawn(group)) this.applyVisible(group, this.state.visible[group]);
        if (this.state.opacity[group] !== 1) this.applyOpacity(group, this.state.opacity[group]);
      }
    }
  }

  private applyVisible(group: CatalogGroup, on: boolean): void {
    const drawn = on && !this.state.suppressed.includes(group);
    for (const id of this.layersOf(group)) {
      // The uncovered hatch layers follow the display choice as well as the switch.
      const shown = drawn && (this.state.uncoveredDisplay === 'hatch' || !HATCH_LAYERS.has(id));
      this.map.setLayoutProperty(id, 'visibility', shown ? 'visible' : 'none');
    }
  }

  setVisible(group: CatalogGroup, on: boolean): void {
    this.update({ visible: { ...this.state.visible, [group]: on } });
    this.controller.whenReady(() => this.applyVisible(group, on));
  }

  /** Whether `group` is drawn now: switched on and not suppressed by the app. */
  isDrawn(group: CatalogGroup): boolean {
    return this.state.visible[group] && !this.state.suppressed.includes(group);
  }

  /**
   * Takes `groups` off the map (and out of the legend) while `on`, without touching the user's
   * switches, so they come back as the user left them.
   */
  setSuppressed(groups: readonly CatalogGroup[], on: boolean): void {
    const next = on ? [...new Set([...this.state.suppressed, ...groups])] : this.state.suppressed.filter((group) => !groups.includes(group));
    if (next.join() === this.state.suppressed.join()) return;
    this.update({ suppressed: next });
    this.controller.whenReady(() => {
      for (const group of groups) this.applyVisible(group, this.state.visible[group]);
    });
  }

  setClassDomain(classDomain: ClassDomainKind): void {
    this.update({ classDomain });
  }

  setClassMethod(classMethod: ClassMethod): void {
    this.update({ classMethod });
  }

  /**
   * The population cells inside the project's study area (their fids), or null without one. This
   * is the one call that offers "study area" as a class domain; when the study area goes away the
   * domain falls back to the whole project.
   */
  setStudyAreaCells(fids: Iterable<number> | null): void {
    const studyAreaFids = fids ? new Set(fids) : null;
    this.update({ studyAreaFids, classDomain: !studyAreaFids && this.state.classDomain === 'studyArea' ? 'project' : this.state.classDomain });
  }

  setUncoveredDisplay(uncoveredDisplay: UncoveredDisplay): void {
    this.update({ uncoveredDisplay });
    this.controller.whenReady(() => this.applyVisible('uncovered', this.state.visible.uncovered));
  }

  private applyOpacity(group: CatalogGroup, value: number): void {
    for (const id of this.layersOf(group)) {
      const type = this.map.getLayer(id)?.type ?? '';
      for (const property of OPACITY_PROPERTIES[type] ?? []) {
        const key = `${id}|${property}`;
        // (MapLibre types paint names per layer type; these are checked by OPACITY_PROPERTIES.)
        const map = this.map as unknown as { getPaintProperty(id: string, name: string): unknown; setPaintProperty(id: string, name: string, value: unknown): void };
        if (!this.originals.has(key)) this.originals.set(key, map.getPaintProperty(id, property) ?? 1);
        const base = this.originals.get(key);
        map.setPaintProperty(id, property, typeof base === 'number' ? base * value : ['*', value, base]);
      }
    }
  }

  setOpacity(group: CatalogGroup, value: number): void {
    const clamped = Math.min(1, Math.max(0, value));
    this.update({ opacity: { ...this.state.opacity, [group]: clamped } });
    this.controller.whenReady(() => this.applyOpacity(group, clamped));
  }

  /**
   * Draws `group` above (+1) or below (−1) its neighbour among `among` (default: every group on the
   * map); other layers keep their places.
   */
  move(group: CatalogGroup, direction: 1 | -1, among?: readonly CatalogGroup[]): void {
    this.controller.whenReady(() => {
      const order = this.drawOrder().filter((g) => !among || among.includes(g) || g === group);
      const at = order.indexOf(group);
      const neighbour = order[at + direction];
      if (at < 0 || !neighbour) return;
      const style = (this.map.getStyle()?.layers ?? []).map((layer) => layer.id);
      const own = this.layersOf(group).sort((a, b) => style.indexOf(a) - style.indexOf(b));
      const theirs = this.layersOf(neighbour).sort((a, b) => style.indexOf(a) - style.indexOf(b));
      if (direction === 1) {
        const after = style[style.indexOf(theirs[theirs.length - 1]) + 1];
        for (const id of own) this.map.moveLayer(id, after && !own.includes(after) ? after : undefined);
      } else {
        for (const id of own) this.map.moveLayer(id, theirs[0]);
      }
      this.update({ order: this.drawOrder() });
    });
  }

  setAgeGroup(ageGroup: AgeGroup): void {
    this.update({ ageGroup });
  }

  /** The age groups the grid has; the shown one falls back to the first when it is not among them. */
  setAgeGroups(ageGroups: readonly AgeGroup[]): void {
    if (ageGroups.join() === this.state.ageGroups.join()) return;
    const ageGroup = ageGroups.includes(this.state.ageGroup) ? this.state.ageGroup : (ageGroups[0] ?? 'elderly');
    this.update({ ageGroups: [...ageGroups], ageGroup });
  }

  /** Shows only facilities of these kinds and statuses. */
  setFacilityFilter(kinds: readonly FacilityKind[], statuses: readonly FacilityStatus[]): void {
    this.update({ facilityKinds: [...kinds], facilityStatuses: [...statuses] });
    const all = kinds.length === FACILITY_KINDS.length && statuses.length === FACILITY_STATUSES.length;
    const filter: maplibregl.FilterSpecification = [
      'all',
      ['in', ['get', 'kind'], ['literal', [...kinds]]],
      ['in', ['get', 'status'], ['literal', [...statuses]]],
    ];
    this.controller.whenReady(() => {
      this.map.setFilter('facilities-circle', all ? null : filter);
      // Labels of hidden facilities go too (the label layer keeps its "has a name" condition).
      const named = (labelLayers().find((layer) => layer.id === 'labels-facilities') as maplibregl.SymbolLayerSpecification).filter as maplibregl.FilterSpecification;
      this.map.setFilter('labels-facilities', all ? named : (['all', named, filter] as maplibregl.FilterSpecification));
      // The status ring keeps its own condition (planned and proposed only).
      this.map.setFilter('facilities-status-ring', all ? UNBUILT_FILTER : (['all', UNBUILT_FILTER, filter] as maplibregl.FilterSpecification));
    });
  }
}

const IDLE_STATE: LayerSettingsState | null = null;

/** The layer settings of `controller`'s map (null without a map). */
export function useLayerSettings(controller: MapController | null): { state: LayerSettingsState | null; settings: LayerSettings | null } {
  const settings = controller ? LayerSettings.for(controller) : null;
  const state = useSyncExternalStore(settings?.subscribe ?? noopSubscribe, settings?.getState ?? (() => IDLE_STATE));
  return { state, settings };
}

const noopSubscribe = () => () => undefined;
