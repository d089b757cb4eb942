/**
 * CSV/TSV import: decode (UTF-8 / GBK / UTF-16), split with papaparse, resolve columns, read every
 * row into the layer's records and validate the whole file. Point layers take lon/lat columns (or
 * a wkt POINT); estates lon/lat or wkt; boundaries and roads a wkt column.
 *
 * Row numbers in messages are 1-based data rows: the first row after the header is row 1; blank
 * rows keep their number (and are counted in skippedCount), so row N is line N+1 of a file without
 * leading blank lines or quoted line breaks.
 */
import Papa from 'papaparse';
import { InputError } from '../../../shared/errors';
import type { ImportOptions } from '../../../shared/ipc/contract';
import type { ImportableLayer, LayerRecordMap, PopulationCell } from '../../../shared/schemas/entities';
import { requireAcceptedCrs } from './accepted_crs';
import { applyInferredCellSize } from './apply_inferred_cell_size';
import type { SourceRow } from './build_layer_record';
import { buildRowRecords, type RowGeometry } from './build_row_records';
import { checkLonLat, lazySwapCheck, SwapEvidence } from './check_lon_lat';
import { checkRequiredFields } from './check_required_fields';
import { collectRoadTags } from './collect_road_tags';
import { decodeText } from './decode_text';
import type { ImportProgress } from './import_progress';
import type { ParsedLayer } from './parsed_layer';
import { parseWkt } from './parse_wkt';
import { isEmptyCell, readNumber } from './read_cell_value';
import { CSV_ROW_NOTE, inputError, type RecordLocation } from './record_location';
import { resolveColumns } from './resolve_columns';
import { validateRecords } from './validate_records';

const POINT_LAYERS: readonly ImportableLayer[] = ['population', 'facilities', 'candidates'];

/**
 * The delimiter of the first non-blank line (the header) among , tab ; | — the one occurring most
 * often outside double quotes; "," for a single-column file. (papaparse's own guess fails on files
 * that end with a line break.)
 */
function guessDelimiter(text: string): string {
  const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0, '|': 0 };
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (seenContent) break;
    } else if (!inQuotes && c in counts) counts[c]++;
    if (c.trim() !== '') seenContent = true;
  }
  let best = ',';
  for (const candidate of ['\t', ';', '|']) if (counts[candidate] > counts[best]) best = candidate;
  return best;
}

function isBlank(row: string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

export async function parseCsvLayer<L extends ImportableLayer>(
  layer: L,
  file: string,
  bytes: Uint8Array,
  options: ImportOptions,
  progress: ImportProgress,
  tabSeparated: boolean,
): Promise<ParsedLayer<L>> {
  const crs = requireAcceptedCrs(options.crs, file, 'CSV');
  const { text, encoding } = decodeText(bytes, file, options.encoding);
  progress.checkAborted();
  const parsed = Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: false,
    delimiter: tabSeparated ? '\t' : guessDelimiter(text),
  });
  await progress.at(0.2);

  const rows = parsed.data;
  // a final line break yields one empty pseudo-row; it is not a blank data row
  if (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === '') rows.pop();
  const headerIndex = rows.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) throw new InputError('no data rows: the file is empty', { file });
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) {
    const row = quoteError.row !== undefined ? quoteError.row - headerIndex : undefined;
    const message = `${quoteError.message} (unbalanced double quote)${row !== undefined ? ` ${CSV_ROW_NOTE}` : ''}`;
    throw new InputError(message, { file, row: row !== undefined && row >= 1 ? row : undefined, expected: 'RFC 4180 quoting' });
  }

  const header = rows[headerIndex].map((name) => name.trim());
  const firstSeen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') return;
    const earlier = firstSeen.get(name);
    if (earlier !== undefined) {
      throw new InputError(`duplicate column name "${name}" (columns ${earlier + 1} and ${i + 1})`, { file, field: name, expected: 'unique column names' });
    }
    firstSeen.set(name, i);
  });

  const dataRows: { row: number; cells: string[] }[] = [];
  let blankCount = 0;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i];
    const rowNumber = i - headerIndex;
    if (isBlank(cells)) {
      blankCount++;
      continue;
    }
    if (cells.length < header.length || (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== ''))) {
      throw inputError(
        { file, row: rowNumber },
        undefined,
        `row has ${cells.length} fields but the header has ${header.length}`,
        `${header.length} ${parsed.meta.delimiter === '\t' ? 'tab' : `"${parsed.meta.delimiter}"`}-separated fields`,
      );
    }
    dataRows.push({ row: rowNumber, cells });
  }
  if (dataRows.length === 0) throw new InputError('no data rows: the file has only a header', { file });

  const mapping = resolveColumns({ file, layer, columns: header, map: options.map, geometryFields: ['lon', 'lat', 'wkt'] });
  checkRequiredFields(layer, mapping, options, file, header, 'column');
  const index: Record<string, number> = {};
  for (const [target, column] of Object.entries(mapping)) index[target] = header.indexOf(column);

  const hasLonLat = index.lon !== undefined && index.lat !== undefined;
  const needsWkt = layer === 'boundaries' || layer === 'roads';
  const available = header.map((c) => JSON.stringify(c)).join(', ');
  if (needsWkt ? index.wkt === undefined : !hasLonLat && index.wkt === undefined) {
    const missing = needsWkt ? 'wkt' : index.lon === undefined ? 'lon' : 'lat';
    const what = { lon: 'longitude (lon, lng, x, 经度)', lat: 'latitude (lat, y, 纬度)', wkt: 'WKT geometry (wkt)' }[missing];
    throw new InputError(`no ${what} column found; map one with --map ${missing}=<column>; columns: ${available}`, { file, field: missing });
  }
  // point layers prefer explicit lon/lat; estates prefer a wkt outline over a lon/lat label point
  const useLonLat = hasLonLat && (POINT_LAYERS.includes(layer) || (layer === 'estates' && index.wkt === undefined));

  const lonColumn = mapping.lon ?? 'lon';
  const latColumn = mapping.lat ?? 'lat';
  const swapped = lazySwapCheck(() => {
    const evidence = new SwapEvidence();
    if (useLonLat) for (const { cells } of dataRows) evidence.add(Number(cells[index.lon]), Number(cells[index.lat]));
    return evidence;
  });
  const swapHint = `swap the columns, e.g. --map lon=${latColumn} lat=${lonColumn}`;
  const tagExcluded = new Set(['fid', mapping.wkt, mapping.id, mapping.highway, mapping.name].filter((c): c is string => c !== undefined));

  const records: LayerRecordMap[L][] = [];
  const locations: RecordLocation[] = [];
  for (let n = 0; n < dataRows.length; n++) {
    if (progress.due(n, dataRows.length, 0.2, 0.9)) await progress.step(n, dataRows.length, 0.2, 0.9);
    const { row: rowNumber, cells } = dataRows[n];
    const loc: RecordLocation = { file, row: rowNumber };
    const source: SourceRow = {
      loc,
      get: (target) => (index[target] === undefined ? undefined : cells[index[target]]),
      column: (target) => mapping[target] ?? target,
      fallbackId: String(rowNumber),
    };
    let geometry: RowGeometry;
    if (useLonLat) {
      const lon = readNumber(cells[index.lon], loc, lonColumn, { expected: 'a longitude in degrees' });
      const lat = readNumber(cells[index.lat], loc, latColumn, { expected: 'a latitude in degrees' });
      if (lon === null) throw inputError(loc, lonColumn, 'longitude is empty', 'a longitude in [-180, 180]');
      if (lat === null) throw inputError(loc, latColumn, 'latitude is empty', 'a latitude in [-90, 90]');
      checkLonLat(lon, lat, loc, { lon: lonColumn, lat: latColumn, swapHint }, swapped);
      geometry = { lon, lat };
    } else {
      const wkt = cells[index.wkt];
      if (isEmptyCell(wkt)) throw inputError(loc, mapping.wkt, 'geometry (WKT) is empty', 'a WKT geometry');
      geometry = { raw: parseWkt(wkt, loc, mapping.wkt) };
    }
    const built = buildRowRecords(layer, source, geometry, {
      kind: options.kind,
      illustrative: options.illustrative,
      swapped,
      swapHint,
      tags: () => collectRoadTags(header.map((name, i): [string, unknown] => [name, cells[i]]), tagExcluded),
    });
    for (const record of built) {
      records.push(record);
      locations.push(loc);
    }
  }

  if (layer === 'population') applyInferredCellSize(records as PopulationCell[]);
  await progress.at(0.9);
  validateRecords(layer, records, locations);
  await progress.at(1);
  return {
    layer,
    format: 'csv',
    records,
    skipped: [],
    skippedCount: blankCount,
    detected: { crs, encoding, columns: header, mapping },
  };
}
