/**
 * Text widths for laying out the sheet without a font engine: the advance widths of printable ASCII in
 * the print font (Noto Sans Hans Regular and Bold, electron/services/print/print_fonts.ts), read from
 * the font files, in 1/1000 em; every other character (Chinese, full-width punctuation) is taken as
 * 1 em, which Noto Sans CJK gives them (© and – are a little narrower, so widths err on the wide side).
 */

// prettier-ignore
const ASCII_REGULAR = [224,323,475,555,555,921,680,278,338,338,467,555,278,347,278,392,555,555,555,555,555,555,555,555,555,555,278,278,555,555,555,474,946,607,657,638,687,588,552,689,728,293,536,646,542,812,722,742,632,742,635,597,599,721,575,878,573,531,603,338,392,338,555,559,606,564,618,509,620,554,325,563,607,275,275,552,285,926,611,606,620,620,388,468,377,607,521,802,498,521,474,338,269,338,555];
// prettier-ignore
const ASCII_BOLD = [227,370,575,589,589,962,739,325,378,378,506,589,325,370,325,388,589,589,589,589,589,589,589,589,589,589,325,325,589,589,589,514,1007,641,681,657,714,615,585,717,757,330,568,686,577,854,749,770,667,770,682,624,625,748,618,915,627,581,613,378,388,378,589,567,626,591,644,527,644,581,372,597,640,304,305,605,315,964,641,626,644,644,436,495,420,637,576,863,562,574,511,378,296,378,589];

/** Cap height of the print font, em (for centring a line of text on a symbol). */
export const CAP_HEIGHT_EM = 0.733;

/**
 * Advance width of `text` at `sizeMm`, mm.
 * @example textWidthMm('1:50 000', 3) // ≈ 12.5
 */
export function textWidthMm(text: string, sizeMm: number, bold = false): number {
  const table = bold ? ASCII_BOLD : ASCII_REGULAR;
  let units = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    units += code >= 32 && code < 127 ? table[code - 32] : 1000;
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
