/**
 * The importer's fast paths against what they stand in for, on generated and edge-case inputs:
 *  - CSV lines split as rows are read (table_rows.ts) vs papaparse's rows of the same quote-free text;
 *  - plain decimals read without Number() (Clinger's fast path) vs Number() and the DECIMAL grammar;
 *  - the written-out PopulationCell check vs the zod schema;
 *  - UTF-8 checked and decoded by Node's routines vs a fatal TextDecoder;
 *  - whole-number ids kept apart from other ids: "1" and "01" stay two ids.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/services/import/decode_text';
import { plainDecimal, readNumber } from '../../../electron/services/import/read_cell_value';
import { delimitedLines, guessLineBreak, isBlankCells } from '../../../electron/services/import/table_rows';
import { isPopulationCell, validateRecords } from '../../../electron/services/import/validate_records';
import { PopulationCell } from '../../../shared/schemas/entities';
import { mulberry32 } from '../../../shared/optimize/random';

/** papaparse's rows of a text, less the empty pseudo-row after a final line break (read_csv_source.ts). */
function papaRows(text: string, delimiter: string): string[][] {
  const rows = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter }).data;
  if (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  return rows;
}

describe('CSV lines split as they are read', () => {
  const texts = [
    '',
    '\n',
    'a,b\n1,2',
    'a,b\n1,2\n',
    'a,b\r\n1,2\r\n',
    'a,b\r1,2\r',
    'a,b\r\n1,2\n3,4\r\n',
    'a,b\n\n1,2\n\n\n',
    'a\tb\n 1\t2 \n\t\n',
    'a;b;c\n1;;3\n;;\n  ;  ; \n1;2\n1;2;3;4\n',
    '\r\n\r\nx|y\r\n1|2\r\n\r\n',
    'lon,lat\n114.2,30.6\n\u3000,\u00a0\n\ufeff,\n',
  ];
  for (const text of texts) {
    for (const delimiter of [',', '\t', ';', '|']) {
      it(`${JSON.stringify(text)} split at ${JSON.stringify(delimiter)}: papaparse's rows, widths and blank rows`, () => {
        const expected = papaRows(text, delimiter);
        const rows = delimitedLines(text, delimiter);
        const got = Array.from({ length: rows.length }, (_, i) => rows.cells(i));
        expect(got).toEqual(expected);
        for (let i = 0; i < rows.length; i++) {
          expect(rows.width(i)).toBe(expected[i].length);
          expect(rows.blank(i)).toBe(isBlankCells(expected[i]));
        }
      });
    }
  }

  it('chooses the line break as papaparse does: \\n unless \\r comes first; \\r\\n by majority', () => {
    expect(guessLineBreak('a\nb\r\nc')).toBe('\n');
    expect(guessLineBreak('a\r\nb\r\nc\rd')).toBe('\r\n');
    expect(guessLineBreak('a\rb\rc\r\nd')).toBe('\r');
    expect(guessLineBreak('abc')).toBe('\n');
  });

  it('a seeded random quote-free CSV of 2,000 lines with mixed blank and ragged rows splits as papaparse does', () => {
    const random = mulberry32(14);
    const pieces = ['', ' ', '1', '-2.5', 'x', '中', '\u3000'];
    for (const lineBreak of ['\n', '\r\n', '\r']) {
      const lines: string[] = [];
      for (let l = 0; l < 2000; l++) {
        const fields = 1 + Math.floor(random() * 5);
        lines.push(Array.from({ length: fields }, () => pieces[Math.floor(random() * pieces.length)]).join(','));
      }
      const text = lines.join(lineBreak) + (random() < 0.5 ? lineBreak : '');
      const expected = papaRows(text, ',');
      const rows = delimitedLines(text, ',');
      expect(rows.length).toBe(expected.length);
      for (let i = 0; i < rows.length; i++) {
        expect(rows.cells(i)).toEqual(expected[i]);
        expect(rows.width(i)).toBe(expected[i].length);
        expect(rows.blank(i)).toBe(isBlankCells(expected[i]));
      }
    }
  });

  it('refuses a text with quotes (papaparse reads those)', () => {
    expect(() => delimitedLines('a,"b"\n', ',')).toThrow('without double quotes');
  });
});

describe('plain decimals', () => {
  const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

  it('equal Number() bit for bit on 200,000 seeded decimals of up to 25 digits, and NaN for everything else', () => {
    const random = mulberry32(7);
    let checked = 0;
    for (let t = 0; t < 200_000; t++) {
      let text = random() < 0.2 ? '-' : random() < 0.05 ? '+' : '';
      const whole = Math.floor(random() * 12);
      for (let i = 0; i < whole; i++) text += Math.floor(random() * 10);
      if (random() < 0.8) {
        text += '.';
        const fraction = Math.floor(random() * 14);
        for (let i = 0; i < fraction; i++) text += Math.floor(random() * 10);
      }
      const value = plainDecimal(text);
      if (DECIMAL.test(text)) {
        if (!Object.is(value, Number(text))) throw new Error(`${text}: ${value} vs ${Number(text)}`);
        checked++;
      } else {
        expect(value).toBeNaN();
      }
    }
    expect(checked).toBeGreaterThan(150_000);
  });

  it('edge cases: signs, zeros, long and short forms; anything not plain is left to the full reader', () => {
    for (const text of ['0', '-0', '-0.0', '+5', '5.', '.5', '+.5', '114.200833', '0.1', '9007199254740993', '123456789012345.6', '1.' + '0'.repeat(30), '9'.repeat(400)]) {
      expect(Object.is(plainDecimal(text), Number(text)), text).toBe(true);
    }
    for (const text of ['', '.', '-', '+', '1e5', ' 1', '1 ', '0x10', '1,000', '1.2.3', 'NaN', 'Infinity', '１２']) {
      expect(plainDecimal(text), text).toBeNaN();
    }
  });

  it('readNumber gives the same values and errors as before for non-plain cells', () => {
    const loc = { file: 'f.csv', row: 1 };
    const rules = { min: 0, expected: 'a count' };
    expect(readNumber(' 12.5 ', loc, 'n', rules)).toBe(12.5);
    expect(readNumber('1e3', loc, 'n', rules)).toBe(1000);
    expect(readNumber('1,234.5', loc, 'n', rules)).toBe(1234.5);
    expect(readNumber('  ', loc, 'n', rules)).toBeNull();
    expect(() => readNumber('-0.5', loc, 'n', rules)).toThrow('must not be negative, got -0.5');
    expect(() => readNumber('9'.repeat(400), loc, 'n', rules)).toThrow('is not a finite number');
    expect(() => readNumber('0x10', loc, 'n', rules)).toThrow('"0x10" is not a number');
    expect(() => readNumber('.', loc, 'n', rules)).toThrow('"." is not a number');
  });
});

describe('the written-out PopulationCell check', () => {
  const cell = { cellId: 'r1c2', lon: 114.3, lat: 30.6, population: 12.5, elderly: 3, age65: null, age80: 0, cellWidthDeg: 1 / 1200, cellHeightDeg: null };
  const variants: Record<string, unknown>[] = [cell];
  const bad = [NaN, Infinity, -Infinity, -1, -1e-300, '1', undefined, true, {}];
  for (const [key, good] of Object.entries(cell)) {
    for (const value of [...bad, null, 0, -0, 180, -180, 90, -90, 180.0001, -90.5, 1e308, '', 'x']) variants.push({ ...cell, [key]: value });
    const missing: Record<string, unknown> = { ...cell };
    delete missing[key];
    variants.push(missing);
    variants.push({ ...cell, [key]: good, extra: 1 });
  }
  variants.push(null as unknown as Record<string, unknown>, [] as unknown as Record<string, unknown>);

  it(`accepts exactly what the zod schema accepts (${variants.length} records)`, () => {
    for (const record of variants) {
      expect(isPopulationCell(record), JSON.stringify(record)).toBe(PopulationCell.safeParse(record).success);
    }
  });

  it('a refused cell is still reported in zod’s words, at its row', () => {
    const records = [cell, { ...cell, cellId: 'r9', elderly: -2 }] as PopulationCell[];
    expect(() => validateRecords('population', records, [{ file: 'g.csv', row: 1 }, { file: 'g.csv', row: 2 }])).toThrow(
      /^g\.csv, row 2, field elderly: record "r9": invalid value: /,
    );
  });
});

describe('ids', () => {
  const cell = (cellId: string): PopulationCell => ({ cellId, lon: 114, lat: 30, population: 1, elderly: null, age65: null, age80: null, cellWidthDeg: null, cellHeightDeg: null });
  const at = (n: number) => Array.from({ length: n }, (_, i) => ({ file: 'g.csv', row: i + 1 }));

  it('"1", "01", "1.0", "-1" and "4294967295" are five ids; a repeated whole number or other id is refused at its rows', () => {
    const distinct = ['1', '01', '1.0', '-1', '4294967295', '0', 'a'].map(cell);
    expect(() => validateRecords('population', distinct, at(distinct.length))).not.toThrow();
    const whole = ['5', '7', '05', '5'].map(cell);
    expect(() => validateRecords('population', whole, at(4))).toThrow('duplicate id "5" in row 1 and row 4');
    const other = ['r1c1', '12', 'r1c1'].map(cell);
    expect(() => validateRecords('population', other, at(3))).toThrow('duplicate id "r1c1" in row 1 and row 3');
  });
});

describe('UTF-8 detection and decoding', () => {
  const strict = (bytes: Uint8Array): string | null => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  };
  const cases: number[][] = [
    [],
    [0xef, 0xbb, 0xbf],
    [0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62],
    [0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61],
    [0xe4, 0xb8, 0xad, 0xe6, 0x96, 0x87],
    [0xc0, 0xaf], // overlong
    [0xed, 0xa0, 0x80], // surrogate
    [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
    [0xf0, 0x9f, 0x98, 0x80], // emoji
    [0xe4, 0xb8], // truncated
    [0xd6, 0xd0, 0xce, 0xc4], // GBK 中文
    [0x61, 0x00, 0x62],
  ];

  it('a file is read as UTF-8 exactly when a fatal TextDecoder reads it, to the same text', () => {
    const random = mulberry32(3);
    for (let t = 0; t < 300; t++) cases.push(Array.from({ length: 1 + Math.floor(random() * 12) }, () => (random() < 0.5 ? 0x61 : 0x80 + Math.floor(random() * 0x80))));
    for (const bytes of cases.map((c) => new Uint8Array(c))) {
      const expected = strict(bytes);
      let decoded: ReturnType<typeof decodeText> | null = null;
      try {
        decoded = decodeText(bytes, 'f.csv');
      } catch {
        // mixed encodings are refused: not UTF-8 either
      }
      if (expected === null) expect(decoded?.encoding, JSON.stringify([...bytes])).not.toBe('utf-8');
      else expect(decoded, JSON.stringify([...bytes])).toEqual({ text: expected, encoding: 'utf-8' });
    }
  });
});
