/**
 * Text widths for laying out the sheet without a font engine: the advance widths of printable ASCII in
 * the print font (Noto Sans Hans Regular and Bold, electron/services/print/print_fonts.ts), read from
 * the font files, in 1/1000 em; every other character (Chinese, full-width punctuation) is taken as
 * 1 em, which Noto Sans CJK gives them (©, –, ², ° are a little narrower, so widths err on the wide side),
 * plus the few ASCII pairs the font kerns apart.
 */

// prettier-ignore
const ASCII_REGULAR = [224,323,475,555,555,921,680,278,338,338,467,555,278,347,278,392,555,555,555,555,555,555,555,555,555,555,278,278,555,555,555,474,946,607,657,638,687,588,552,689,728,293,536,646,542,812,722,742,632,742,635,597,599,721,575,878,573,531,603,338,392,338,555,559,606,564,618,509,620,554,325,563,607,275,275,552,285,926,611,606,620,620,388,468,377,607,521,802,498,521,474,338,269,338,555];
// prettier-ignore
const ASCII_BOLD = [227,370,575,589,589,962,739,325,378,378,506,589,325,370,325,388,589,589,589,589,589,589,589,589,589,589,325,325,589,589,589,514,1007,641,681,657,714,615,585,717,757,330,568,686,577,854,749,770,667,770,682,624,625,748,618,915,627,581,613,378,388,378,589,567,626,591,644,527,644,581,372,597,640,304,305,605,315,964,641,626,644,644,436,495,420,637,576,863,562,574,511,378,296,378,589];

/**
 * The ASCII pairs the print font kerns apart (positive kerning, 1/1000 em), read from the font as pdfkit
 * lays it out: each entry is two characters and the units. Pairs kerned closer are left out, so widths
 * err on the wide side.
 */
// prettier-ignore
const KERN_REGULAR = kernTable("(j89 ,j29 .j29 /i29 /j29 /t10 :j4 ;j4 AX4 Aa26 As26 FV4 FW4 LA3 RV6 RW7 S-15 VV11 XA3 [j89 \\g37 \\j81 \\y14 b-7 cv7 cw7 cx9 cy7 e-11 ev5 ew5 ey5 f!16 f\"45 f'45 f)55 f?29 fT52 fV74 fW52 fX37 fY66 f\\70 f]55 fi20 fv14 f}55 g)16 g/53 g]16 gj41 gy17 g}16 k,14 k.14 k:14 k;14 lj9 o-7 p-7 r:29 r;29 r\\14 rv29 rw21 ry29 s-11 t,7 t.7 t/11 t:16 t;16 x,8 x;8 {j89");
// prettier-ignore
const KERN_BOLD = kernTable("(j91 ,j38 .j38 /i14 /j14 :j5 ;j5 Aa19 As19 RW3 S-19 VV12 [j91 \\g30 \\j75 \\y7 b-3 cv3 cw3 cy3 e-12 f!7 f\"45 f'45 f)45 f?26 fT49 fV71 fW49 fX30 fY56 f\\45 f]45 fi20 fv7 f}45 g)7 g/38 g]7 gj50 gy8 g}7 k,7 k.7 k:7 k;7 lj12 o-3 p-3 r:14 r;14 r\\7 rv14 rw10 ry14 s-12 t:7 t;7 x,16 x;16 {j91");

function kernTable(entries: string): Map<string, number> {
  return new Map(entries.split(' ').map((entry) => [entry.slice(0, 2), Number(entry.slice(2))]));
}

/** Cap height of the print font, em (for centring a line of text on a symbol). */
export const CAP_HEIGHT_EM = 0.733;

/**
 * Advance width of `text` at `sizeMm`, mm.
 * @example textWidthMm('1:50 000', 3) // ≈ 12.5
 */
export function textWidthMm(text: string, sizeMm: number, bold = false): number {
  const table = bold ? ASCII_BOLD : ASCII_REGULAR;
  const kerning = bold ? KERN_BOLD : KERN_REGULAR;
  let units = 0;
  let previous = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    units += (code >= 32 && code < 127 ? table[code - 32] : 1000) + (kerning.get(previous + char) ?? 0);
    previous = char;
  }
  return (units / 1000) * sizeMm;
}

/** Characters a line must not start with (closing punctuation) or end with (opening), as Chinese typesetting has it. */
const NO_LINE_START = /^[、。，．；：！？）】」』”’》〉％]/;
const NO_LINE_END = /[（【「『“‘《〈]$/;

/**
 * `text` broken into lines no wider than `widthMm` (at spaces for Latin text, anywhere between Chinese
 * characters, never before a closing or after an opening Chinese punctuation mark: the character
 * before it moves down with it); a single word longer than the width stays whole.
 */
export function wrapText(text: string, sizeMm: number, widthMm: number, bold = false): string[] {
  const lines: string[] = [];
  // Tokens: a run of non-space Latin characters (with its trailing space), or one other character.
  const tokens = text.match(/[\x21-\x7e\u00a0-\u024f]+ ?| |[^\x20-\x7e\u00a0-\u024f]/g) ?? [];
  let line: string[] = [];
  for (const token of tokens) {
    if (line.length > 0 && textWidthMm((line.join('') + token).trimEnd(), sizeMm, bold) > widthMm) {
      const carried: string[] = [];
      // A closing mark takes the character before it down (and that one's, while it is a closing mark too).
      if (NO_LINE_START.test(token)) while (line.length > 1 && (carried.length === 0 || NO_LINE_START.test(carried[0]))) carried.unshift(line.pop()!);
      while (line.length > 1 && NO_LINE_END.test(line[line.length - 1])) carried.unshift(line.pop()!);
      lines.push(line.join('').trimEnd());
      line = [...carried, token];
      line[0] = line[0].trimStart();
    } else line.push(token);
  }
  const last = line.join('');
  if (last.trim() !== '') lines.push(last.trimEnd());
  return lines;
}
