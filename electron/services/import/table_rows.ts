/**
 * The rows of a table as the table importer reads them (header included, blank rows kept): an array
 * of rows (an XLSX sheet, a CSV with quoted fields parsed by papaparse), or the lines of a CSV text
 * without any double quote, split into cells only when a row is read. A million-row CSV then never
 * holds nine million cell strings at once: each row's cells are garbage as soon as it is read.
 *
 *   const rows = delimitedLines('a,b\n1,2\n', ',');
 *   rows.length    // 2 (a final line break ends the last row, as with papaparse)
 *   rows.cells(1)  // ['1', '2']
 */

export interface TableRows {
  readonly length: number;
  /** The cells of row i (0-based). Lines are split anew on each call: keep the array only while needed. */
  cells(i: number): string[];
  /** cells(i).length, for a line without splitting it. */
  width(i: number): number;
  /** True when no cell of row i has more than white space (isBlankCells), for a line mostly without splitting it. */
  blank(i: number): boolean;
}

/** True when every cell is empty or white space (as String#trim sees it). */
export function isBlankCells(cells: readonly unknown[]): boolean {
  return cells.every((cell) => cell === undefined || cell === null || String(cell).trim() === '');
}

/** Rows already split. */
export function arrayRows(rows: string[][]): TableRows {
  return { length: rows.length, cells: (i) => rows[i], width: (i) => rows[i].length, blank: (i) => isBlankCells(rows[i]) };
}

/**
 * The line break of a CSV text, chosen as papaparse 5 chooses it (ParserHandle.guessLineEndings) for
 * a text without quotes: "\n" unless a "\r" comes first; then "\r\n" when at least half the pieces
 * between "\r"s start with "\n", else "\r". Only the first 1 MB is looked at.
 */
export function guessLineBreak(text: string): '\n' | '\r\n' | '\r' {
  const input = text.substring(0, 1024 * 1024);
  const r = input.split('\r');
  const n = input.split('\n');
  const nAppearsFirst = n.length > 1 && n[0].length < r[0].length;
  if (r.length === 1 || nAppearsFirst) return '\n';
  let withN = 0;
  for (const piece of r) if (piece[0] === '\n') withN++;
  return withN >= r.length / 2 ? '\r\n' : '\r';
}

/**
 * The rows of a CSV text that holds no double quote: what papaparse gives for such a text (its fast
 * mode: the text split at `lineBreak`, each line at `delimiter`), minus the empty pseudo-row after a
 * final line break.
 */
export function delimitedLines(text: string, delimiter: string, lineBreak: string = guessLineBreak(text)): TableRows {
  if (text.includes('"')) throw new Error('delimitedLines reads texts without double quotes only');
  if (delimiter.length !== 1) throw new Error('delimitedLines splits at a one-character delimiter');
  let count = 1;
  for (let at = text.indexOf(lineBreak); at >= 0; at = text.indexOf(lineBreak, at + lineBreak.length)) count++;
  const starts = new Float64Array(count + 1);
  let line = 1;
  for (let at = text.indexOf(lineBreak); at >= 0; at = text.indexOf(lineBreak, at + lineBreak.length)) starts[line++] = at + lineBreak.length;
  // the end of the last line, as if one more line began after it
  starts[count] = text.length + lineBreak.length;
  // a final line break yields one empty pseudo-row; it is not a blank data row
  const length = count > 0 && starts[count - 1] === text.length ? count - 1 : count;
  const gap = lineBreak.length;
  const separator = delimiter.charCodeAt(0);
  const cells = (i: number) => text.slice(starts[i], starts[i + 1] - gap).split(delimiter);
  return {
    length,
    cells,
    width: (i) => {
      let fields = 1;
      for (let at = starts[i], end = starts[i + 1] - gap; at < end; at++) if (text.charCodeAt(at) === separator) fields++;
      return fields;
    },
    blank: (i) => {
      // a printable ASCII character other than the delimiter first: the first cell is not blank
      const first = starts[i] < starts[i + 1] - gap ? text.charCodeAt(starts[i]) : -1;
      if (first > 0x20 && first < 0x7f && first !== separator) return false;
      return isBlankCells(cells(i));
    },
  };
}
