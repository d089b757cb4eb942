/**
 * "Find": facilities, proposals, candidate sites, estates and boundaries by name (and facility
 * address), and coverage gaps by rank — each with where to zoom. Matching ignores case, width and
 * spaces, so "日间" finds "测试日间照料中心 A" and "day care" finds "Day-Care Centre".
 */
import type { GeoJsonFeatureCollection } from '../../shared/ipc/contract';
import type { Proposal } from '../../shared/schemas/entities';

export type FindKind = 'facility' | 'proposal' | 'candidate' | 'estate' | 'boundary' | 'gap';

export interface FindEntry {
  kind: FindKind;
  /** Stable key (kind + id). */
  key: string;
  label: string;
  /** Secondary text: facility kind, address, gap size. */
  detail: string;
  /** Text searched (label + detail, normalised). */
  text: string;
  /** Where to go: a point to centre on, or an extent to fit. */
  point: [number, number] | null;
  bbox: [number, number, number, number] | null;
  /** Facility fid (to open its popup), proposal id (to select it). */
  ref: number | string | null;
  /** Extra fields for "propose here" (candidate sites: floor area, level). */
  properties?: Record<string, unknown>;
}

/** Lower case, full-width → half-width, without spaces, hyphens and underscores. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_·.,，。]+/g, '');
}

/** [west, south, east, north] of any GeoJSON geometry, or null. */
export function extentOf(geometry: unknown): [number, number, number, number] | null {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      box[0] = Math.min(box[0], value[0]);
      box[1] = Math.min(box[1], value[1]);
      box[2] = Math.max(box[2], value[0]);
      box[3] = Math.max(box[3], value[1]);
      return;
    }
    for (const item of value) visit(item);
  };
  visit((geometry as { coordinates?: unknown } | null)?.coordinates);
  return Number.isFinite(box[0]) ? box : null;
}

function pointOf(geometry: unknown): [number, number] | null {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  if (g?.type !== 'Point' || !Array.isArray(g.coordinates)) return null;
  const [lon, lat] = g.coordinates as number[];
  return Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : null;
}

/** Entries of a feature layer: name from `name` (else the id), detail from `detail(properties)`. */
export function layerEntries(kind: Exclude<FindKind, 'proposal' | 'gap'>, layer: GeoJsonFeatureCollection | undefined, detail: (p: Record<string, unknown>) => string): FindEntry[] {
  const out: FindEntry[] = [];
  for (const feature of layer?.features ?? []) {
    const p = feature.properties;
    const label = typeof p.name === 'string' && p.name.trim() ? p.name.trim() : String(p.id ?? feature.id ?? '');
    if (!label) continue;
    const point = pointOf(feature.geometry);
    const bbox = point ? null : extentOf(feature.geometry);
    if (!point && !bbox) continue;
    const more = detail(p);
    out.push({
      kind,
      key: `${kind}:${String(p.id ?? feature.id)}`,
      label,
      detail: more,
      text: normalise(`${label} ${more} ${String(p.id ?? '')}`),
      point,
      bbox,
      ref: typeof feature.id === 'number' ? feature.id : null,
      properties: p,
    });
  }
  return out;
}

export function proposalEntries(proposals: readonly Proposal[], detail: (p: Proposal) => string): FindEntry[] {
  return proposals.map((p) => ({
    kind: 'proposal',
    key: `proposal:${p.id}`,
    label: p.name || p.id,
    detail: detail(p),
    text: normalise(`${p.name} ${detail(p)} ${p.note ?? ''}`),
    point: [p.lon, p.lat],
    bbox: null,
    ref: p.id,
  }));
}

/**
 * Entries matching `query`, best first: a name that starts with the query before one that only
 * contains it; then by kind order (proposals, facilities, candidates, estates, boundaries, gaps).
 */
export function search(entries: readonly FindEntry[], query: string, limit = 12): FindEntry[] {
  const q = normalise(query);
  if (!q) return [];
  const order: FindKind[] = ['proposal', 'facility', 'candidate', 'estate', 'boundary', 'gap'];
  const scored: Array<{ entry: FindEntry; score: number }> = [];
  for (const entry of entries) {
    const at = entry.text.indexOf(q);
    if (at < 0) continue;
    const label = normalise(entry.label);
    const score = (label.startsWith(q) ? 0 : label.includes(q) ? 1 : 2) * 10 + order.indexOf(entry.kind);
    scored.push({ entry, score });
  }
  scored.sort((a, b) => a.score - b.score || a.entry.label.localeCompare(b.entry.label));
  return scored.slice(0, limit).map((s) => s.entry);
}
