/**
 * A display list as a vector PDF with pdfkit: paths and circles as PDF paths, text as text in the
 * embedded print font (selectable, subset), the population grid as one image. Page user space is
 * scaled to millimetres, so the display list's numbers are used as they are.
 *
 * The grid image (an 8-bit palette PNG whose entry 0 alone is transparent, shared/print/grid_image.ts)
 * goes in as it is: its compressed rows become the image's data (Flate with the PNG predictor), its
 * palette an Indexed colour space, and entry 0 is masked by a colour-key mask (Mask [0 0]). pdfkit
 * would decode every pixel to build an alpha mask and deflate it again; other PNGs still go through it.
 */
import PDFDocument from 'pdfkit';
import type { DisplayItem, DisplayList, Paint } from '../../../shared/print/display_list';
import { PT_PER_MM } from '../../../shared/print/display_list';
import { printFontFiles } from './print_fonts';

type Doc = InstanceType<typeof PDFDocument>;

function applyPaint(doc: Doc, paint: Paint): void {
  const fill = paint.fill !== undefined;
  const stroke = paint.stroke !== undefined;
  if (stroke) {
    doc.lineWidth(paint.strokeWidthMm ?? 0.1).strokeColor(paint.stroke!).strokeOpacity(paint.strokeOpacity ?? 1).lineJoin('round');
    if (paint.dashMm && paint.dashMm.length > 0) doc.dash([...paint.dashMm] as unknown as number, {}); // pdfkit takes an array; its typings say number
    else doc.undash();
  }
  if (fill) doc.fillColor(paint.fill!).fillOpacity(paint.fillOpacity ?? 1);
  const rule = paint.fillRule === 'evenodd' ? 'even-odd' : 'non-zero';
  if (fill && stroke) doc.fillAndStroke(paint.fill!, paint.stroke!, rule);
  else if (fill) doc.fill(rule);
  else if (stroke) doc.stroke();
}

/** The parts of an 8-bit, non-interlaced palette PNG whose transparency is at most entry 0 fully transparent; else null. */
export function passThroughPng(png: Uint8Array): { width: number; height: number; palette: Buffer; data: Buffer; maskZero: boolean } | null {
  const bytes = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (bytes.length < 33 || bytes.readUInt32BE(0) !== 0x89504e47) return null;
  let width = 0, height = 0, palette: Buffer | null = null, maskZero = false;
  const data: Buffer[] = [];
  for (let offset = 8; offset + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      // bit depth 8, colour type 3 (palette), compression 0, filter 0, no interlace
      if (body[8] !== 8 || body[9] !== 3 || body[12] !== 0) return null;
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') {
      if (body.length === 0 || body[0] !== 0 || body.subarray(1).some((alpha) => alpha !== 255)) return null;
      maskZero = true;
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  if (!palette || width === 0 || data.length === 0) return null;
  return { width, height, palette, data: Buffer.concat(data), maskZero };
}

let imageCount = 0;

function drawPassThroughImage(doc: Doc, item: Extract<DisplayItem, { kind: 'image' }>, png: NonNullable<ReturnType<typeof passThroughPng>>): void {
  const palette = doc.ref({});
  palette.end(png.palette);
  const image = doc.ref({
    Type: 'XObject',
    Subtype: 'Image',
    Width: png.width,
    Height: png.height,
    BitsPerComponent: 8,
    Filter: 'FlateDecode',
    DecodeParms: { Predictor: 15, Colors: 1, BitsPerComponent: 8, Columns: png.width },
    ColorSpace: ['Indexed', 'DeviceRGB', png.palette.length / 3 - 1, palette],
    ...(png.maskZero ? { Mask: [0, 0] } : {}),
  });
  image.end(png.data);
  const label = `Grid${++imageCount}`;
  (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects[label] = image;
  doc.save();
  doc.transform(item.widthMm, 0, 0, -item.heightMm, item.xMm, item.yMm + item.heightMm);
  doc.addContent(`/${label} Do`);
  doc.restore();
}

function drawItem(doc: Doc, item: DisplayItem): void {
  switch (item.kind) {
    case 'path':
      doc.save();
      for (const ring of item.rings) {
        doc.moveTo(ring[0], ring[1]);
        for (let i = 2; i < ring.length; i += 2) doc.lineTo(ring[i], ring[i + 1]);
        if (item.closed) doc.closePath();
      }
      applyPaint(doc, item);
      doc.restore();
      return;
    case 'circle':
      doc.save();
      doc.circle(item.cxMm, item.cyMm, item.rMm);
      applyPaint(doc, item);
      doc.restore();
      return;
    case 'text': {
      doc.save();
      doc.font(item.bold ? 'print-bold' : 'print-regular').fontSize(item.sizeMm);
      const width = doc.widthOfString(item.text);
      const x = item.anchor === 'start' ? item.xMm : item.anchor === 'end' ? item.xMm - width : item.xMm - width / 2;
      const options = { lineBreak: false, baseline: 'alphabetic' as const };
      if (item.haloMm) {
        doc.lineWidth(item.haloMm * 2).lineJoin('round').strokeColor('#ffffff').fillColor('#ffffff');
        doc.text(item.text, x, item.yMm, { ...options, stroke: true, fill: true });
      }
      doc.fillColor(item.color).fillOpacity(1);
      doc.text(item.text, x, item.yMm, options);
      doc.restore();
      return;
    }
    case 'image': {
      const png = passThroughPng(item.png);
      doc.save();
      if (item.opacity !== undefined && item.opacity < 1) doc.fillOpacity(item.opacity);
      if (png) drawPassThroughImage(doc, item, png);
      else doc.image(Buffer.from(item.png), item.xMm, item.yMm, { width: item.widthMm, height: item.heightMm });
      doc.restore();
      return;
    }
    case 'clip':
      doc.save();
      doc.rect(item.xMm, item.yMm, item.widthMm, item.heightMm).clip();
      for (const child of item.items) drawItem(doc, child);
      doc.restore();
      return;
  }
}

export interface PdfMetadata {
  title: string;
  author?: string;
}

/** The PDF bytes of the pages (one display list per page). */
export async function writePdf(pages: readonly DisplayList[], metadata: PdfMetadata): Promise<Buffer> {
  const fonts = printFontFiles();
  const doc = new PDFDocument({ autoFirstPage: false, margin: 0, info: { Title: metadata.title, Author: metadata.author ?? '', Creator: 'Siting Planner' } });
  doc.registerFont('print-regular', fonts.regular);
  doc.registerFont('print-bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  for (const page of pages) {
    doc.addPage({ size: [page.widthMm * PT_PER_MM, page.heightMm * PT_PER_MM], margin: 0 });
    doc.save();
    doc.scale(PT_PER_MM);
    for (const item of page.items) drawItem(doc, item);
    doc.restore();
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
