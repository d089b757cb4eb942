/**
 * Readable names for suggested sites that have none (grid cells): the nearest named road within
 * reach ("建设大道 附近 建议点 1"), else the finest boundary area holding the site ("江汉区 建议点 2"),
 * else a plain number. The place is found here, once, for the CLI and the app; each says it in its
 * language with its own words (SITE_NAME_WORDS for the CLI, the app's i18n). Deterministic: the same
 * sites, roads and areas give the same names (ties go to the lower road index / finer area, then id).
 */
import Flatbush from 'flatbush';
import type { AreaInput } from '../engine/areas/area_coverage';
import { PolygonIndex } from '../engine/areas/polygon_index';
import type { RoadInput } from '../engine/network/build_walk_graph';
import { circleBounds, DEG_TO_RAD, EARTH_RADIUS_M } from '../geodesy/haversine';

/** A road is "near" a site up to this distance, metres. */
export const NEAR_ROAD_M = 250;

/** Where a site is, for its name: the nearest named road and the finest area holding it (null when none). */
export interface SitePlace {
  road: string | null;
  /** The road's English name (OSM name:en) when it has one. */
  roadEn: string | null;
  area: string | null;
}

/** Finer areas name a place better: a community before its street, a street before its district. */
const LEVEL_ORDER: Record<AreaInput['level'], number> = { community: 0, village: 0, street: 1, town: 1, district: 2, city: 3, other: 4 };

/** The name of a road from its tags (name, else name:zh), null when it has none. */
export function roadName(tags: Readonly<Record<string, string>>): string | null {
  const name = (tags.name ?? tags['name:zh'] ?? '').trim();
  return name === '' ? null : name;
}

/**
 * @example sitePlaces([{ lon: 114.27, lat: 30.59 }], roads, boundaries)[0] // { road: '建设大道', roadEn: null, area: '江汉区' }
 */
export function sitePlaces(
  sites: readonly { lon: number; lat: number }[],
  roads: readonly Pick<RoadInput, 'tags' | 'geometry'>[],
  areas: readonly AreaInput[],
  nearM = NEAR_ROAD_M,
): SitePlace[] {
  const named = roads.flatMap((road, index) => {
    const name = roadName(road.tags);
    const line = road.geometry?.type === 'LineString' ? road.geometry.coordinates : null;
    return name && line && line.length >= 2 ? [{ index, name, nameEn: road.tags['name:en']?.trim() || null, line }] : [];
  });
  let tree: Flatbush | null = null;
  if (named.length > 0) {
    tree = new Flatbush(named.length);
    for (const road of named) {
      let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
      for (const [x, y] of road.line) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
      tree.add(minX, minY, maxX, maxY);
    }
    tree.finish();
  }
  const areaIndex = new PolygonIndex(areas.map((a) => a.geometry.coordinates));
  const found: number[] = [];
  return sites.map(({ lon, lat }) => {
    let road: SitePlace['road'] = null;
    let roadEn: SitePlace['roadEn'] = null;
    if (tree) {
      const [minX, minY, maxX, maxY] = circleBounds(lon, lat, nearM);
      let best = nearM;
      let bestIndex = Infinity;
      for (const k of tree.search(minX, minY, maxX, maxY)) {
        const d = distanceToLineM(lon, lat, named[k].line);
        if (d < best || (d === best && named[k].index < bestIndex)) {
          best = d;
          bestIndex = named[k].index;
          road = named[k].name;
          roadEn = named[k].nameEn;
        }
      }
    }
    const holding = areaIndex.containing(lon, lat, found).map((a) => areas[a]);
    holding.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { road, roadEn, area: holding[0]?.name ?? null };
  });
}

/** How a language says a suggested site's name. */
export interface SiteNameWords {
  nearRoad: (road: string, number: number) => string;
  inArea: (area: string, number: number) => string;
  plain: (number: number) => string;
}

/** The CLI's words (and the app's, through its i18n files, which use the same templates). */
export const SITE_NAME_WORDS = {
  zh: { nearRoad: '{{road}} 附近 建议点 {{number}}', inArea: '{{area}} 建议点 {{number}}', plain: '建议点 {{number}}' },
  en: { nearRoad: 'Suggested site {{number}} near {{road}}', inArea: '{{area}} suggested site {{number}}', plain: 'Suggested site {{number}}' },
} as const;

/** The words of SITE_NAME_WORDS[language] as functions. */
export function siteNameWords(language: keyof typeof SITE_NAME_WORDS): SiteNameWords {
  const w = SITE_NAME_WORDS[language];
  const fill = (template: string, values: Record<string, string | number>) => template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key]));
  return {
    nearRoad: (road, number) => fill(w.nearRoad, { road, number }),
    inArea: (area, number) => fill(w.inArea, { area, number }),
    plain: (number) => fill(w.plain, { number }),
  };
}

/**
 * A site's name from its place and number (its rank): the road first, then the area.
 * @example siteName({ road: '建设大道', roadEn: null, area: '江汉区' }, 1, siteNameWords('zh')) // '建设大道 附近 建议点 1'
 */
export function siteName(place: SitePlace, number: number, words: SiteNameWords, english = false): string {
  const road = english ? (place.roadEn ?? place.road) : place.road;
  if (road) return words.nearRoad(road, number);
  if (place.area) return words.inArea(place.area, number);
  return words.plain(number);
}

/** Shortest distance from a point to a polyline, metres (local equirectangular projection: exact enough within a few hundred metres). */
function distanceToLineM(lon: number, lat: number, line: readonly (readonly number[])[]): number {
  const kx = Math.cos(lat * DEG_TO_RAD) * DEG_TO_RAD * EARTH_RADIUS_M;
  const ky = DEG_TO_RAD * EARTH_RADIUS_M;
  let best = Infinity;
  for (let i = 0; i + 1 < line.length; i++) {
    const ax = (line[i][0] - lon) * kx, ay = (line[i][1] - lat) * ky;
    const bx = (line[i + 1][0] - lon) * kx, by = (line[i + 1][1] - lat) * ky;
    const dx = bx - ax, dy = by - ay;
    const len2 = dx * dx + dy * dy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2)) : 0;
    best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy));
  }
  return best;
}
