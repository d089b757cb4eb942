/**
 * Paper sizes of the print sheet (ISO 216 A series) in millimetres, and the sheet's margins. All page
 * geometry of shared/print is in millimetres from the page's top-left corner, x right, y down.
 */
import { InputError } from '../errors';

export const PAPER_NAMES = ['A4', 'A3', 'A2', 'A1', 'A0'] as const;
export type PaperName = (typeof PAPER_NAMES)[number];
export const ORIENTATIONS = ['portrait', 'landscape'] as const;
export type Orientation = (typeof ORIENTATIONS)[number];

/** Portrait width × height, mm (ISO 216). */
const PORTRAIT_MM: Record<PaperName, readonly [number, number]> = {
  A4: [210, 297],
  A3: [297, 420],
  A2: [420, 594],
  A1: [594, 841],
  A0: [841, 1189],
};

export interface Paper {
  readonly name: PaperName;
  readonly orientation: Orientation;
  readonly widthMm: number;
  readonly heightMm: number;
  /** Margin on every side, mm: 10 mm on A4, growing with the paper (15 on A3, 20 on A2 and larger). */
  readonly marginMm: number;
  /**
   * Size factor of text, symbols and line widths relative to A4 (the short side over 210 mm), so an A1
   * board reads from further away the way an A4 figure reads in hand.
   */
  readonly scale: number;
}

/**
 * The sheet's paper; names are case-insensitive.
 * @example paper('a3', 'landscape') // { name: 'A3', widthMm: 420, heightMm: 297, marginMm: 15, scale: 1.414…, … }
 */
export function paper(name: string, orientation: string = 'portrait'): Paper {
  const upper = name.toUpperCase() as PaperName;
  if (!PAPER_NAMES.includes(upper)) {
    throw new InputError(`unknown paper "${name}"; papers: ${PAPER_NAMES.join(', ')}`, { field: 'paper' }, { reason: 'print_paper_unknown', params: { paper: name, papers: PAPER_NAMES.join(', ') } });
  }
  if (!(ORIENTATIONS as readonly string[]).includes(orientation)) {
    throw new InputError(`unknown orientation "${orientation}"; use portrait or landscape`, { field: 'orientation' }, { reason: 'print_orientation_unknown', params: { orientation } });
  }
  const [shortMm, longMm] = PORTRAIT_MM[upper];
  const landscape = orientation === 'landscape';
  const marginMm = upper === 'A4' ? 10 : upper === 'A3' ? 15 : 20;
  return {
    name: upper,
    orientation: orientation as Orientation,
    widthMm: landscape ? longMm : shortMm,
    heightMm: landscape ? shortMm : longMm,
    marginMm,
    scale: shortMm / 210,
  };
}
