/**
 * A display list as an SVG document (user units = mm, so the viewBox is the page in mm). The same string
 * is the SVG output, the input of the PNG writer (rasterised with the print font) and the app's preview.
 */
import type { DisplayItem, DisplayList, Paint } from './display_list';

/** The print font's family name (electron/services/print/print_fonts.ts loads its files). */
export const PRINT_FONT_FAMILY = 'Noto Sans Hans';

const n = (value: number) => (Math.round(value * 1000) / 1000).toString();

/** Characters XML 1.0 does not allow (control characters, U+FFFE/U+FFFF, unpaired surrogates). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text (titles, names from the project) as XML character data or an attribute value: markup
 * characters escaped, characters XML cannot hold dropped (they would make the whole SVG unreadable).
 * @example escapeXml('<b>"A&B"</b>\u0001') // "&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;"
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function paintAttributes(paint: Paint): string {
  const parts = [`fill="${paint.fill ?? 'none'}"`];
  if (paint.fill && paint.fillOpacity !== undefined && paint.fillOpacity < 1) parts.push(`fill-opacity="${n(paint.fillOpacity)}"`);
  if (paint.fillRule === 'evenodd') parts.push('fill-rule="evenodd"');
  if (paint.stroke) {
    parts.push(`stroke="${paint.stroke}"`, `stroke-width="${n(paint.strokeWidthMm ?? 0.1)}"`, 'stroke-linejoin="round"');
    if (paint.strokeOpacity !== undefined && paint.strokeOpacity < 1) parts.push(`stroke-opacity="${n(paint.strokeOpacity)}"`);
    if (paint.dashMm && paint.dashMm.length > 0) parts.push(`stroke-dasharray="${paint.dashMm.map(n).join(' ')}"`);
  }
  return parts.join(' ');
}

function base64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i], b = bytes[i + 1] ?? 0, c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    out += alphabet[(triple >> 18) & 63] + alphabet[(triple >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(triple >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[triple & 63] : '=';
  }
  return out;
}

function itemSvg(item: DisplayItem, clipIds: { next: number }): string {
  switch (item.kind) {
    case 'path': {
      const d = item.rings
        .map((ring) => {
          let s = `M${n(ring[0])} ${n(ring[1])}`;
          for (let i = 2; i < ring.length; i += 2) s += `L${n(ring[i])} ${n(ring[i + 1])}`;
          return item.closed ? `${s}Z` : s;
        })
        .join('');
      return `<path d="${d}" ${paintAttributes(item)}/>`;
    }
    case 'circle':
      return `<circle cx="${n(item.cxMm)}" cy="${n(item.cyMm)}" r="${n(item.rMm)}" ${paintAttributes(item)}/>`;
    case 'text': {
      const common = `x="${n(item.xMm)}" y="${n(item.yMm)}" font-size="${n(item.sizeMm)}" text-anchor="${item.anchor}"${item.bold ? ' font-weight="bold"' : ''}`;
      const halo = item.haloMm
        ? `<text ${common} fill="#ffffff" stroke="#ffffff" stroke-width="${n(item.haloMm * 2)}" stroke-linejoin="round">${escapeXml(item.text)}</text>`
        : '';
      return `${halo}<text ${common} fill="${item.color}">${escapeXml(item.text)}</text>`;
    }
    case 'image':
      return `<image x="${n(item.xMm)}" y="${n(item.yMm)}" width="${n(item.widthMm)}" height="${n(item.heightMm)}" preserveAspectRatio="none" style="image-rendering:pixelated"${item.opacity !== undefined && item.opacity < 1 ? ` opacity="${n(item.opacity)}"` : ''} href="data:image/png;base64,${base64(item.png)}"/>`;
    case 'clip': {
      const id = `clip${clipIds.next++}`;
      const inner = item.items.map((child) => itemSvg(child, clipIds)).join('\n');
      return `<clipPath id="${id}"><rect x="${n(item.xMm)}" y="${n(item.yMm)}" width="${n(item.widthMm)}" height="${n(item.heightMm)}"/></clipPath>\n<g clip-path="url(#${id})">\n${inner}\n</g>`;
    }
  }
}

/**
 * The SVG document of a display list, sized in mm.
 * @example displayListToSvg({ widthMm: 210, heightMm: 297, items: [] }).startsWith('<svg') // true
 */
export function displayListToSvg(list: DisplayList): string {
  const clipIds = { next: 0 };
  const body = list.items.map((item) => itemSvg(item, clipIds)).join('\n');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(list.widthMm)}mm" height="${n(list.heightMm)}mm" viewBox="0 0 ${n(list.widthMm)} ${n(list.heightMm)}" font-family="${PRINT_FONT_FAMILY}">\n` +
    `<rect x="0" y="0" width="${n(list.widthMm)}" height="${n(list.heightMm)}" fill="#ffffff"/>\n${body}\n</svg>\n`
  );
}
