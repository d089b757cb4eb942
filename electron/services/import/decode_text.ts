/**
 * Text decoding of imported CSV/GeoJSON bytes. Chinese spreadsheets arrive as UTF-8 (with or
 * without BOM), GBK (Excel "CSV" on a Chinese Windows) or UTF-16 (Excel "Unicode text"):
 *  - an explicit encoding (options.encoding) always wins;
 *  - a UTF-16 byte-order mark selects UTF-16;
 *  - otherwise strict UTF-8, and if that fails (invalid byte sequence) GBK via iconv-lite — unless
 *    some lines are Chinese in UTF-8 and others are not UTF-8 at all: a file pasted together from
 *    two sources, refused naming one line of each (decoding it either way would garble half of it).
 * The BOM is removed from the text. An explicit non-UTF-8 encoding for bytes that are valid UTF-8 with
 * non-ASCII text is obeyed, with a warning: such bytes are almost never meant as GBK, and decoding
 * them so garbles every Chinese character.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { InputError } from '../../../shared/errors';

export interface DecodedText {
  text: string;
  /** Encoding used, lower case: utf-8, gbk, utf-16le, utf-16be, or the override as given. */
  encoding: string;
  /** Something worth showing about the decoding (an override that probably garbles the text). */
  warning?: string;
}

const UTF8_NAMES = new Set(['utf8', 'utf-8', 'utf_8']);

export function decodeText(bytes: Uint8Array, file: string, encodingOverride?: string): DecodedText {
  if (encodingOverride !== undefined && encodingOverride.trim() !== '') {
    const name = encodingOverride.trim().toLowerCase();
    if (UTF8_NAMES.has(name)) return { text: decodeUtf8(bytes, file), encoding: 'utf-8' };
    if (!iconv.encodingExists(name)) {
      throw new InputError(`unknown text encoding "${encodingOverride}"`, { file, field: 'encoding', expected: 'utf-8, gbk, gb18030, utf-16le ...' });
    }
    const text = stripBom(iconv.decode(bytes, name));
    const warning = utf8OverrideWarning(bytes, file, name);
    return warning ? { text, encoding: name, warning } : { text, encoding: name };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: stripBom(iconv.decode(bytes, 'utf-16le')), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: stripBom(iconv.decode(bytes, 'utf-16be')), encoding: 'utf-16be' };
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  refuseMixedEncodings(bytes, file);
  return { text: stripBom(iconv.decode(bytes, 'gbk')), encoding: 'gbk' };
}

/** Encodings whose bytes are UTF-8's for ASCII: for them valid multibyte UTF-8 is a telling sign. */
const UTF8_LOOKALIKE_EXEMPT = new Set(['ascii', 'us-ascii', 'latin1', 'binary']);

/**
 * The warning for an explicit `encoding` when the bytes are valid UTF-8 with multibyte characters,
 * naming the first line that has them and how it reads in UTF-8; undefined otherwise.
 */
function utf8OverrideWarning(bytes: Uint8Array, file: string, encoding: string): string | undefined {
  if (UTF8_LOOKALIKE_EXEMPT.has(encoding) || /^utf-?(16|32)/.test(encoding)) return undefined;
  const start = bytes.findIndex((b) => b >= 0x80);
  if (start < 0) return undefined;
  const utf8 = tryUtf8(bytes);
  if (utf8 === null) return undefined;
  const lineStart = bytes.lastIndexOf(0x0a, start) + 1;
  const line = bytes.subarray(0, lineStart).reduce((n, b) => n + (b === 0x0a ? 1 : 0), 1);
  const lineEnd = bytes.indexOf(0x0a, start);
  const text = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, lineEnd < 0 ? bytes.length : lineEnd)).trimEnd();
  // up to 40 characters of the line, from a little before its first non-ASCII character
  const from = Math.max(0, text.search(/[^\x00-\x7f]/) - 10);
  const shown = `${from > 0 ? '…' : ''}${text.slice(from, from + 40)}${from + 40 < text.length ? '…' : ''}`;
  return (
    `${file}: decoded as ${encoding.toUpperCase()} as asked (--encoding ${encoding}), but the file is valid UTF-8 with non-ASCII text ` +
    `(line ${line} reads "${shown}" in UTF-8), so its Chinese text is probably garbled; import it again without --encoding, or with --encoding utf-8`
  );
}

/** A 3-byte UTF-8 sequence (CJK characters are U+0800..U+FFFF). */
function hasUtf8ThreeByte(line: Uint8Array): boolean {
  for (let i = 0; i + 2 < line.length; i++) {
    if (line[i] >= 0xe0 && line[i] <= 0xef && (line[i + 1] & 0xc0) === 0x80 && (line[i + 2] & 0xc0) === 0x80) return true;
  }
  return false;
}

function refuseMixedEncodings(bytes: Uint8Array, file: string): void {
  let utf8Line = 0;
  let otherLine = 0;
  let start = 0;
  for (let line = 1; start < bytes.length && !(utf8Line && otherLine); line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    const chunk = bytes.subarray(start, end);
    if (chunk.some((b) => b >= 0x80)) {
      if (tryUtf8(chunk) === null) otherLine ||= line;
      else if (hasUtf8ThreeByte(chunk)) utf8Line ||= line;
    }
    start = end + 1;
  }
  if (utf8Line && otherLine) {
    throw new InputError(`the file mixes text encodings: line ${utf8Line} is UTF-8 but line ${otherLine} is not (GBK?)`, {
      file,
      field: 'encoding',
      expected: 'one encoding for the whole file: save it again as UTF-8, or name one with --encoding',
    });
  }
}

/**
 * The bytes as UTF-8 text without a leading BOM, or null when they are not valid UTF-8. The check
 * (isUtf8) and the decoding (Buffer#toString) are Node's SIMD routines: a 65 MB CSV in about 0.1 s,
 * where a fatal TextDecoder takes about 0.9 s. Both follow the WHATWG decoder (what TextDecoder with
 * fatal: true accepts and yields; the test compares them), so the text is the same.
 */
function tryUtf8(bytes: Uint8Array): string | null {
  if (!isUtf8(bytes)) return null;
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return Buffer.from(bytes.buffer, bytes.byteOffset + start, bytes.byteLength - start).toString('utf8');
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  const text = tryUtf8(bytes);
  if (text === null) {
    throw new InputError('the file is not valid UTF-8 although --encoding utf-8 was given', {
      file,
      field: 'encoding',
      expected: 'UTF-8 bytes, or a different --encoding such as gbk',
    });
  }
  return text;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
