/**
 * The host's part of a printed basemap: which XYZ template to use (`--basemap project` reads the
 * project's Settings.basemapUrl, or a template given directly), fetching the tiles a sheet needs
 * (Node fetch, a timeout per tile, a few at a time) and decoding them (PNG, decoded here with
 * node:zlib: no image library is a dependency). Any tile that cannot be fetched or read refuses the
 * whole print with a reason naming the host: never a half-drawn map.
 */
import { inflateSync } from 'node:zlib';
import { InputError } from '../../../shared/errors';
import { readPreferences } from '../user_preferences';
import { TILE_SIZE, tileKey, tileUrl, type TileKey, type TilePixels } from '../../../shared/print/basemap_raster';

/** Time allowed for one tile, ms. */
export const TILE_TIMEOUT_MS = 15_000;
/** Tiles fetched at once. */
const CONCURRENCY = 6;

/** The host (and port) of a template, for messages and the default attribution. */
export function templateHost(template: string): string {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(template.trim())?.[1];
  return authority ?? template.trim();
}

/**
 * The XYZ template of `--basemap VALUE`: 'project' is the project's configured basemap; anything else
 * must itself be an http(s) template with {z}, {x} and {y}.
 */
export function basemapTemplate(value: string, projectBasemapUrl: string, tiandituKey = readPreferences().tiandituKey): string {
  const stored = value === 'project' ? projectBasemapUrl.trim() : value.trim();
  // A Tianditu preset keeps {tk} in the project; the user's key (preferences, never the project) fills it.
  const template = stored.includes('{tk}') ? fillTiandituKey(stored, tiandituKey) : stored;
  if (template === '') {
    throw new InputError('--basemap project: the project has no basemap configured (Settings → basemap URL)', { field: 'basemap' }, { reason: 'print_basemap_not_configured' });
  }
  if (!/^https?:\/\//i.test(template) || !/\{z\}/.test(template) || !/\{x\}/.test(template) || !/\{-?y\}/.test(template)) {
    // quoted as stored (with {tk}, never the user's key)
    throw new InputError(`--basemap needs an http(s) XYZ tile template with {z}, {x} and {y}, got "${redactKey(stored)}"`, { field: 'basemap' }, {
      reason: 'print_basemap_not_xyz',
      params: { url: redactKey(stored) },
    });
  }
  return template;
}

function fillTiandituKey(template: string, key: string): string {
  if (!/^[A-Za-z0-9]+$/.test(key)) {
    throw new InputError('the Tianditu basemap needs your key (Settings → Tianditu key); none is set', { field: 'basemap' }, { reason: 'print_basemap_key_missing' });
  }
  return template.replaceAll('{tk}', key);
}

/** A tile address without the user's Tianditu key (`tk=…`): messages and logs never carry it. */
export function redactKey(url: string): string {
  return url.replace(/([?&]tk=)[^&{]+/gi, '$1…');
}

function unreachable(template: string, fullUrl: string, detail: string): InputError {
  const url = redactKey(fullUrl);
  const host = templateHost(template);
  return new InputError(`the basemap tiles cannot be fetched from ${host} (${detail}): ${url}`, { field: 'basemap' }, {
    reason: 'print_basemap_unreachable',
    params: { host, detail },
  });
}

/** All `tiles` from `template`, decoded, by tileKey; refuses (reason print_basemap_unreachable) when one fails. */
export async function fetchTiles(template: string, tiles: readonly TileKey[], timeoutMs = TILE_TIMEOUT_MS): Promise<Map<string, TilePixels>> {
  const out = new Map<string, TilePixels>();
  let next = 0;
  const worker = async () => {
    while (next < tiles.length) {
      const tile = tiles[next++];
      const url = tileUrl(template, tile);
      let bytes: Uint8Array;
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { 'User-Agent': 'SitingPlanner-print' } });
        if (!response.ok) throw unreachable(template, url, `HTTP ${response.status}`);
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (error instanceof InputError) throw error;
        const cause = (error as { cause?: { code?: string } }).cause?.code;
        const name = (error as Error).name;
        throw unreachable(template, url, name === 'TimeoutError' ? `no answer in ${timeoutMs / 1000} s` : (cause ?? (error as Error).message));
      }
      out.set(tileKey(tile), decodeTile(bytes, template, url));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, tiles.length) }, worker));
  return out;
}

/** A tile's RGBA pixels; refuses a format it cannot read (JPEG, WebP) or a tile of another size. */
function decodeTile(bytes: Uint8Array, template: string, fullUrl: string): TilePixels {
  const url = redactKey(fullUrl);
  const host = templateHost(template);
  const refuse = (format: string) =>
    new InputError(`a basemap tile from ${host} cannot be read (${format}; PNG tiles of ${TILE_SIZE} px are supported): ${url}`, { field: 'basemap' }, {
      reason: 'print_basemap_tile_unreadable',
      params: { host, format },
    });
  const png = decodePng(bytes);
  if (!png) {
    const format = bytes[0] === 0xff && bytes[1] === 0xd8 ? 'JPEG' : new TextDecoder().decode(bytes.subarray(8, 12)) === 'WEBP' ? 'WebP' : 'unknown format';
    throw refuse(format);
  }
  if (png.width !== TILE_SIZE || png.height !== TILE_SIZE) throw refuse(`${png.width} × ${png.height} px`);
  return png.rgba;
}

/**
 * RGBA pixels of a non-interlaced PNG (grey, RGB, palette — 1 to 8 bits —, grey+alpha, RGBA at 8 bits),
 * or null when the bytes are not such a PNG.
 */
export function decodePng(bytes: Uint8Array): { width: number; height: number; rgba: Uint8Array } | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < 33 || buffer.readUInt32BE(0) !== 0x89504e47) return null;
  let width = 0, height = 0, depth = 0, type = 0, interlace = 0;
  let palette: Buffer | null = null, transparency: Buffer | null = null;
  const data: Buffer[] = [];
  for (let offset = 8; offset + 12 <= buffer.length; ) {
    const length = buffer.readUInt32BE(offset);
    const name = buffer.toString('latin1', offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (name === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      depth = body[8];
      type = body[9];
      interlace = body[12];
    } else if (name === 'PLTE') palette = body;
    else if (name === 'tRNS') transparency = body;
    else if (name === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[type];
  if (!channels || interlace !== 0 || width === 0 || (type === 3 ? ![1, 2, 4, 8].includes(depth) || !palette : depth !== 8)) return null;
  const raw = inflateSync(Buffer.concat(data));
  const bpp = Math.max(1, (channels * depth) / 8);
  const stride = Math.ceil((width * channels * depth) / 8);
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const row = y * stride;
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= bpp ? pixels[row + i - bpp] : 0;
      const b = y > 0 ? pixels[row - stride + i] : 0;
      const c = i >= bpp && y > 0 ? pixels[row - stride + i - bpp] : 0;
      let value: number;
      if (filter === 0) value = x;
      else if (filter === 1) value = x + a;
      else if (filter === 2) value = x + b;
      else if (filter === 3) value = x + ((a + b) >> 1);
      else {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        value = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      pixels[row + i] = value & 255;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const p = y * stride + x * channels;
      if (type === 3) {
        const perByte = 8 / depth;
        const index = (pixels[y * stride + Math.floor(x / perByte)] >> ((perByte - 1 - (x % perByte)) * depth)) & ((1 << depth) - 1);
        rgba[o] = palette![index * 3];
        rgba[o + 1] = palette![index * 3 + 1];
        rgba[o + 2] = palette![index * 3 + 2];
        rgba[o + 3] = transparency && index < transparency.length ? transparency[index] : 255;
      } else if (type === 0 || type === 4) {
        rgba[o] = rgba[o + 1] = rgba[o + 2] = pixels[p];
        rgba[o + 3] = type === 4 ? pixels[p + 1] : 255;
      } else {
        rgba[o] = pixels[p];
        rgba[o + 1] = pixels[p + 1];
        rgba[o + 2] = pixels[p + 2];
        rgba[o + 3] = type === 6 ? pixels[p + 3] : 255;
      }
    }
  }
  return { width, height, rgba };
}
