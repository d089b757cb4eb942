/**
 * A display list as a vector PDF with pdfkit: paths and circles as PDF paths, text as text in the
 * embedded print font (selectable, subset), the population grid as one image. Page user space is
 * scaled to millimetres, so the display list's numbers are used as they are.
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
    case 'image':
      doc.image(Buffer.from(item.png), item.xMm, item.yMm, { width: item.widthMm, height: item.heightMm });
      return;
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
