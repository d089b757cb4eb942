/**
 * dBASE III/IV attribute table of a shapefile (.dbf) → one property object per record.
 *
 * Text encoding, in order: options.encoding; the .cpg file (UTF-8, GBK/CP936, GB18030, Big5, ...);
 * the language driver id in the header (0x4D = GBK, 0x4F = Big5); otherwise the text bytes of the
 * whole table are tried as strict UTF-8, then GBK (Chinese shapefiles from ArcGIS/SuperMap without
 * a .cpg are GBK). Field names are decoded the same way (Chinese field names are common).
 *
 * Types: C text (right-trimmed), N/F numbers (blank or "*****" overflow → null), L logical
 * (T/Y → true, F/N → false, ? → null), D dates (YYYYMMDD → "YYYY-MM-DD"), I 32-bit integers;
 * memo fields (M) are not readable without the .dbt and are left null. Deleted records are marked.
 */
import iconv from 'iconv-lite';
import { InputError } from '../../../shared/errors';

export interface DbfField {
  name: string;
  type: string;
  length: number;
}

export interface DbfTable {
  fields: DbfField[];
  records: Record<string, unknown>[];
  /** true for records flagged deleted ('*') */
  deleted: boolean[];
  /** Encoding used (utf-8, gbk, ...) and where it came from. */
  encoding: string;
  encodingSource: 'option' | 'cpg' | 'ldid' | 'detected';
}

const CPG_NAMES: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  '65001': 'utf-8',
  gbk: 'gbk',
  cp936: 'gbk',
  '936': 'gbk',
  'ansi 936': 'gbk',
  gb2312: 'gbk',
  gb18030: 'gb18030',
  '54936': 'gb18030',
  big5: 'big5',
  cp950: 'big5',
  '950': 'big5',
  'iso-8859-1': 'latin1',
  '88591': 'latin1',
  'windows-1252': 'windows-1252',
  '1252': 'windows-1252',
  ansi: 'windows-1252',
};
const LDID: Record<number, string> = { 0x4d: 'gbk', 0x4f: 'big5', 0x7a: 'gbk', 0x78: 'big5' };

function encodingOf(name: string, file: string, field: string): string {
  const key = name.trim().toLowerCase();
  const mapped = CPG_NAMES[key] ?? (iconv.encodingExists(key) ? key : null);
  if (mapped === null) throw new InputError(`unknown text encoding "${name.trim()}"`, { file, field, expected: 'utf-8, gbk, gb18030, big5 ...' });
  return mapped;
}

function decode(bytes: Uint8Array, encoding: string): string {
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : iconv.decode(bytes, encoding);
}

/** Text of a UTF-8 table must be UTF-8: a .cpg claiming UTF-8 over GBK bytes is common and garbles every name. */
function decodeText(bytes: Uint8Array, encoding: string, where: { file: string; feature: number; field: string }, source: string): string {
  if (encoding !== 'utf-8') return iconv.decode(bytes, encoding);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(withoutCutCharacter(bytes));
  } catch {
    throw new InputError(`the text is not valid UTF-8 although ${source} says UTF-8; the table is probably GBK`, {
      ...where,
      expected: 'text in the encoding the .cpg names, or --encoding gbk',
    });
  }
}

/**
 * Writers cut text at the field width, sometimes inside a multi-byte UTF-8 character: the padding is
 * trimmed and an incomplete last character dropped.
 */
function withoutCutCharacter(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0x00)) end--;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, end - back) : bytes.subarray(0, end);
  }
  return bytes.subarray(0, end);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function readDbf(bytes: Uint8Array, file: string, cpg: string | null, optionEncoding: string | undefined): DbfTable {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 32) throw new InputError(`the .dbf file has ${bytes.length} bytes, less than its 32-byte header`, { file, expected: 'a complete .dbf file' });
  const recordCount = view.getUint32(4, true);
  const headerBytes = view.getUint16(8, true);
  const recordBytes = view.getUint16(10, true);
  if (headerBytes < 33 || headerBytes > bytes.length || recordBytes < 1) {
    throw new InputError(`not a dBASE table (header ${headerBytes} bytes, records ${recordBytes} bytes)`, { file, expected: 'a .dbf attribute table' });
  }
  if (headerBytes + recordCount * recordBytes > bytes.length) {
    throw new InputError(`truncated .dbf: ${recordCount} records of ${recordBytes} bytes need ${headerBytes + recordCount * recordBytes} bytes, the file has ${bytes.length}`, {
      file,
      expected: 'the complete file',
    });
  }
  const rawFields: { name: Uint8Array; type: string; length: number; offset: number }[] = [];
  let offset = 1; // deletion flag
  for (let at = 32; at + 32 <= headerBytes && bytes[at] !== 0x0d; at += 32) {
    const nameBytes = bytes.subarray(at, at + 11);
    const end = nameBytes.indexOf(0);
    const type = String.fromCharCode(bytes[at + 11]).toUpperCase();
    const length = bytes[at + 16];
    rawFields.push({ name: nameBytes.subarray(0, end < 0 ? 11 : end), type, length, offset });
    offset += length;
  }
  if (offset > recordBytes) {
    throw new InputError(`corrupt .dbf: its fields need ${offset} bytes per record, the header says ${recordBytes}`, { file, expected: 'a valid .dbf file' });
  }

  let encoding: string;
  let encodingSource: DbfTable['encodingSource'];
  if (optionEncoding !== undefined && optionEncoding.trim() !== '') {
    encoding = encodingOf(optionEncoding, file, 'encoding');
    encodingSource = 'option';
  } else if (cpg !== null && cpg.trim() !== '') {
    encoding = encodingOf(cpg, file.replace(/\.dbf$/i, '.cpg'), 'encoding');
    encodingSource = 'cpg';
  } else if (LDID[bytes[29]]) {
    encoding = LDID[bytes[29]];
    encodingSource = 'ldid';
  } else {
    encoding = detectEncoding(bytes, rawFields, recordCount, recordBytes, headerBytes);
    encodingSource = 'detected';
  }

  // names are cut at 10 bytes, often inside a multi-byte character: the broken tail is dropped
  const fields: DbfField[] = rawFields.map((f, i) => ({ name: decode(f.name, encoding).replace(/\uFFFD+$/, '').trim() || `field_${i + 1}`, type: f.type, length: f.length }));
  const records: Record<string, unknown>[] = [];
  const deleted: boolean[] = [];
  for (let r = 0; r < recordCount; r++) {
    const base = headerBytes + r * recordBytes;
    deleted.push(bytes[base] === 0x2a);
    const record: Record<string, unknown> = {};
    for (let f = 0; f < rawFields.length; f++) {
      const raw = bytes.subarray(base + rawFields[f].offset, base + rawFields[f].offset + rawFields[f].length);
      record[fields[f].name] = readValue(raw, rawFields[f].type, encoding, { file, feature: r, field: fields[f].name }, encodingSource === 'option' ? '--encoding' : 'its .cpg file');
    }
    records.push(record);
  }
  return { fields, records, deleted, encoding, encodingSource };
}

/** UTF-8 when every text field byte of the table is valid UTF-8 (plain ASCII included), else GBK. */
function detectEncoding(bytes: Uint8Array, fields: { name: Uint8Array; type: string; length: number; offset: number }[], recordCount: number, recordBytes: number, headerBytes: number): string {
  const chunks: Uint8Array[] = fields.map((f) => f.name);
  const textFields = fields.filter((f) => f.type === 'C');
  for (let r = 0; r < recordCount; r++) {
    const base = headerBytes + r * recordBytes;
    for (const f of textFields) chunks.push(bytes.subarray(base + f.offset, base + f.offset + f.length));
  }
  // each field is checked alone (a multi-byte character never spans two fields; one cut at the end is allowed)
  return chunks.every((chunk) => isUtf8(withoutCutCharacter(chunk))) ? 'utf-8' : 'gbk';
}

function readValue(raw: Uint8Array, type: string, encoding: string, where: { file: string; feature: number; field: string }, source: string): unknown {
  if (type === 'C') {
    const text = decodeText(raw, encoding, where, source).replace(/[\s\u0000]+$/, '');
    return text === '' ? null : text;
  }
  if (type === 'I' && raw.length === 4) return new DataView(raw.buffer, raw.byteOffset, 4).getInt32(0, true);
  const text = String.fromCharCode(...raw).replace(/\u0000/g, '').trim();
  if (text === '' || /^\*+$/.test(text)) return null;
  switch (type) {
    case 'N':
    case 'F':
    case 'O': {
      const value = Number(text.replace(',', '.'));
      if (!Number.isFinite(value)) {
        throw new InputError(`"${text}" in a numeric field is not a number`, { ...where, expected: 'a number, as dBASE numeric fields hold' });
      }
      return value;
    }
    case 'L': {
      const c = text[0].toUpperCase();
      if (c === 'T' || c === 'Y') return true;
      if (c === 'F' || c === 'N') return false;
      return null;
    }
    case 'D':
      return /^\d{8}$/.test(text) ? `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}` : text;
    case 'M':
      return null;
    default:
      return decode(raw, encoding).trim() || null;
  }
}
