/**
 * Optional online basemap under the project layers. The app is offline by default (a plain
 * background). settings.basemapUrl may be an XYZ raster template (…/{z}/{x}/{y}.png) or a MapLibre
 * style URL; a style's sources and layers are added underneath the project layers, so the map and
 * its data sources are never recreated. Everything added here has ids starting with `basemap:`.
 */
import type * as maplibregl from 'maplibre-gl';

export const BASEMAP_PREFIX = 'basemap:';

/**
 * The basemap presets, as the tile templates stored in the project's settings (so the CLI's print,
 * the Content-Security-Policy and older versions read them as any XYZ template). The Tianditu
 * template holds the placeholder {tk}: the user's key is filled in only in the renderer, from the
 * user's preferences, and is never stored in the project.
 */
export const BASEMAP_PRESETS = {
  /** 天地图 vector map (vec_w: web Mercator; CGCS2000 coordinates, drawn as WGS84); its annotation (cva_w) goes on top. */
  tianditu: 'https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk={tk}',
  /** 高德 AutoNavi road map: GCJ-02 (the project layers are drawn shifted: display_shift.ts). */
  amap: 'https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
  osm: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
} as const;
export type BasemapPresetName = keyof typeof BASEMAP_PRESETS;
export type BasemapChoice = 'none' | BasemapPresetName | 'custom';
export const BASEMAP_CHOICES: readonly BasemapChoice[] = ['none', 'tianditu', 'amap', 'osm', 'custom'];

/** Which preset a stored basemap address is ('custom' for any other address, 'none' for offline). */
export function basemapChoice(url: string): BasemapChoice {
  const trimmed = url.trim();
  if (trimmed === '') return 'none';
  const preset = (Object.keys(BASEMAP_PRESETS) as BasemapPresetName[]).find((name) => BASEMAP_PRESETS[name] === trimmed);
  return preset ?? 'custom';
}

/** The coordinate system of a preset's tiles (null for a custom address: the user says). */
export function presetCrs(choice: BasemapChoice): 'wgs84' | 'gcj02' | null {
  if (choice === 'amap') return 'gcj02';
  return choice === 'tianditu' || choice === 'osm' || choice === 'none' ? 'wgs84' : null;
}

/**
 * The address the map loads for a stored basemap: the Tianditu key filled in ('' — offline — while
 * the user has none), any other address unchanged.
 *
 * @example displayBasemapUrl(BASEMAP_PRESETS.tianditu, 'abc') // "https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=abc"
 */
export function displayBasemapUrl(url: string, tiandituKey: string): string {
  if (basemapChoice(url) !== 'tianditu') return url;
  return /^[A-Za-z0-9]+$/.test(tiandituKey) ? url.trim().replace('{tk}', tiandituKey) : '';
}

const TIANDITU_VECTOR = /^https:\/\/t0\.tianditu\.gov\.cn\/DataServer\?T=vec_w&/;

/** The annotation (place names) drawn over a Tianditu vector map, or null for any other address. */
export function tiandituAnnotation(url: string): string | null {
  return TIANDITU_VECTOR.test(url.trim()) ? url.trim().replace('T=vec_w', 'T=cva_w') : null;
}

export type BasemapKind = 'none' | 'xyz' | 'style';

export function basemapKind(url: string): BasemapKind {
  const trimmed = url.trim();
  if (trimmed === '') return 'none';
  return /\{z\}/.test(trimmed) && /\{x\}/.test(trimmed) && /\{y\}/.test(trimmed) ? 'xyz' : 'style';
}

export type BasemapProblem = 'invalid' | 'not_https';

/** Checks a user-entered basemap URL: null when usable (or empty), else why not. */
export function basemapProblem(url: string): BasemapProblem | null {
  const trimmed = url.trim();
  if (trimmed === '') return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed.replace(/\{[a-z]+\}/gi, '0'));
  } catch {
    return 'invalid';
  }
  // The page's Content-Security-Policy admits remote tiles and styles over https only.
  return parsed.protocol === 'https:' ? null : 'not_https';
}

/** Why a basemap could not be shown (the UI says it in the active language: describe_error.ts). */
export type BasemapFailure = BasemapProblem | 'download' | 'http' | 'not_style';

export class BasemapError extends Error {
  constructor(
    readonly reason: BasemapFailure,
    readonly url: string,
    /** The HTTP status for 'http'. */
    readonly status: number | null = null,
    /** What the browser said (for 'download'), for the console and support. */
    readonly detail?: unknown,
  ) {
    super(`basemap ${reason}: ${url}${status === null ? '' : ` (HTTP ${status})`}`);
    this.name = 'BasemapError';
  }
}

export function removeBasemap(map: maplibregl.Map): void {
  const style = map.getStyle();
  for (const layer of style.layers ?? []) {
    if (layer.id.startsWith(BASEMAP_PREFIX)) map.removeLayer(layer.id);
  }
  for (const sourceId of Object.keys(style.sources ?? {})) {
    if (sourceId.startsWith(BASEMAP_PREFIX)) map.removeSource(sourceId);
  }
}

function prefixed(id: string): string {
  return `${BASEMAP_PREFIX}${id}`;
}

/**
 * Adds the basemap of `url` below the layer `beforeId`. Replaces a previous basemap. Rejects with a
 * BasemapError when the address is unusable or the style cannot be loaded.
 */
export async function applyBasemap(map: maplibregl.Map, url: string, beforeId: string, attribution = ''): Promise<void> {
  removeBasemap(map);
  const kind = basemapKind(url);
  if (kind === 'none') return;
  const address = url.trim();
  const problem = basemapProblem(url);
  if (problem) throw new BasemapError(problem, address);
  if (kind === 'xyz') {
    const credit = attribution.trim() ? { attribution: attribution.trim() } : {};
    map.addSource(prefixed('xyz'), { type: 'raster', tiles: [url.trim()], tileSize: 256, maxzoom: 19, ...credit });
    map.addLayer({ id: prefixed('xyz'), type: 'raster', source: prefixed('xyz') }, beforeId);
    const annotation = tiandituAnnotation(url);
    if (annotation) {
      map.addSource(prefixed('annotation'), { type: 'raster', tiles: [annotation], tileSize: 256, maxzoom: 18 });
      map.addLayer({ id: prefixed('annotation'), type: 'raster', source: prefixed('annotation') }, beforeId);
    }
    return;
  }
  let response: Response;
  try {
    response = await fetch(address);
  } catch (error) {
    throw new BasemapError('download', address, null, error);
  }
  if (!response.ok) throw new BasemapError('http', address, response.status);
  let style: maplibregl.StyleSpecification;
  try {
    style = (await response.json()) as maplibregl.StyleSpecification;
  } catch (error) {
    throw new BasemapError('not_style', address, null, error);
  }
  if (style === null || typeof style !== 'object' || style.version !== 8 || typeof style.sources !== 'object' || !Array.isArray(style.layers)) {
    throw new BasemapError('not_style', address);
  }
  if (style.glyphs) map.setGlyphs(style.glyphs);
  if (typeof style.sprite === 'string') map.setSprite(style.sprite);
  else if (Array.isArray(style.sprite)) for (const sprite of style.sprite) map.addSprite(sprite.id, sprite.url);
  for (const [id, source] of Object.entries(style.sources)) map.addSource(prefixed(id), source);
  for (const layer of style.layers) {
    const copy = { ...layer, id: prefixed(layer.id) } as maplibregl.LayerSpecification & { source?: unknown };
    if (typeof copy.source === 'string') copy.source = prefixed(copy.source);
    map.addLayer(copy as maplibregl.AddLayerObject, beforeId);
  }
}
