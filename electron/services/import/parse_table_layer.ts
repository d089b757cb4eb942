/**
 * Rows of a table (CSV/TSV text or an XLSX sheet, as strings) → validated records of one layer.
 * The first non-blank row is the header. Point layers take x/y columns (lon/lat, or easting/northing
 * with a projected --crs) or a WKT point; estates x/y or WKT; boundaries and roads a WKT column. Every
 * position is reprojected to WGS84 by the import's PositionReader.
 *
 * Row numbers in messages are 1-based data rows: the first row after the header is row 1; blank rows
 * keep their number (and are counted in skippedCount).
 */
import { InputError } from '../../../shared/errors';
import type { SkippedEntry } from '../../../shared/ipc/contract';
import type { CrsSpec } from '../../../shared/geodesy/crs';
import type { ImportableLayer, LayerRecordMap, PopulationCell } from '../../../shared/schemas/entities';
import { applyInferredCellSize } from './apply_inferred_cell_size';
import type { SourceRow } from './build_layer_record';
import { buildRowRecords, type RowGeometry } from './build_row_records';
import { lazySwapCheck, SwapEvidence } from './check_lon_lat';
import { checkRequiredFields } from './check_required_fields';
import { collectRoadTags } from './collect_road_tags';
import { crsName, isLonLatCrs } from './import_crs';
import type { ImportProgress } from './import_progress';
import { listNames } from './list_names';
import type { ImportFormat, ParsedLayer, ParseOptions } from './parsed_layer';
import { finishKindTally, kindTallyFor } from './facility_kinds';
import { splitLonLatCell } from './lon_lat_cell';
import { parseWkt } from './parse_wkt';
import { createPositionReader } from './position_reader';
import { isEmptyCell, readNumber } from './read_cell_value';
import { CSV_ROW_NOTE, inputError, type RecordLocation } from './record_location';
import { refuseMetresWithoutCrs } from './refuse_metres_without_crs';
import { resolveColumns } from './resolve_columns';
import { swappedAxesWarning } from './swapped_axes_warning';
import type { TableRows } from './table_rows';
import { validateRecords } from './validate_records';

const POINT_LAYERS: readonly ImportableLayer[] = ['population', 'facilities', 'candidates'];

export interface TableSource {
  format: ImportFormat;
  /** Rows as parsed, header included (blank rows allowed). */
  rows: TableRows;
  crs: CrsSpec;
  /** True when the CRS was chosen (options.crs) or declared by the file, false for the WGS84 default. */
  crsChosen: boolean;
  encoding: string | null;
  /** How fields are separated, for the ragged-row message: '"," -separated', 'sheet'. */
  fieldsWord: string;
  sourceLayers?: string[];
  warnings: string[];
  /** Fraction of the import already done when the rows arrive. */
  progressFrom: number;
}

/** Blank rows listed in the report by number, at most this many. */
const LISTED_BLANK_ROWS = 10;

/** "3 blank rows (no value in any column): rows 2, 5, 9" — one summary instead of an entry per row. */
function blankRowsEntry(rows: number[]): SkippedEntry {
  return { reason: blankRowsReason(rows), count: rows.length, code: 'blank_rows', params: { count: rows.length, rows: rows.slice(0, LISTED_BLANK_ROWS).join(', ') } };
}

function blankRowsReason(rows: number[]): string {
  const listed = rows.slice(0, LISTED_BLANK_ROWS).join(', ');
  const more = rows.length > LISTED_BLANK_ROWS ? ` and ${(rows.length - LISTED_BLANK_ROWS).toLocaleString('en')} more` : '';
  return `${rows.length.toLocaleString('en')} blank ${rows.length === 1 ? 'row' : 'rows'} (no value in any column): ${rows.length === 1 ? 'row' : 'rows'} ${listed}${more} ${CSV_ROW_NOTE}`;
}

/**
 * One data row as the builders see it (SourceRow). One object serves every row of the file in turn
 * (point), so a million rows make no closures.
 */
class TableRow implements SourceRow {
  loc: RecordLocation = { file: '' };
  cells: string[] = [];

  constructor(
    private readonly index: Record<string, number>,
    private readonly mapping: Record<string, string>,
    private readonly idBase: number,
  ) {}

  point(loc: RecordLocation, cells: string[]): void {
    this.loc = loc;
    this.cells = cells;
  }

  get(target: string): unknown {
    const i = this.index[target];
    return i === undefined ? undefined : this.cells[i];
  }

  column(target: string): string {
    return this.mapping[target] ?? target;
  }

  get fallbackId(): string {
    return String(this.idBase + (this.loc.row ?? 0));
  }
}


export async function parseTableLayer<L extends ImportableLayer>(
  layer: L,
  file: string,
  source: TableSource,
  options: ParseOptions,
  progress: ImportProgress,
): Promise<ParsedLayer<L>> {
  const { rows, crs } = source;
  let headerIndex = 0;
  while (headerIndex < rows.length && rows.blank(headerIndex)) headerIndex++;
  if (headerIndex === rows.length) throw new InputError('no data rows: the file is empty', { file });
  const header = rows.cells(headerIndex).map((name) => String(name ?? '').trim());
  const firstSeen = new Map<string, number>();
  header.forEach((name, i) => {
    if (name === '') return;
    const earlier = firstSeen.get(name);
    if (earlier !== undefined) {
      throw new InputError(`duplicate column name "${name}" (columns ${earlier + 1} and ${i + 1})`, { file, field: name, expected: 'unique column names' });
    }
    firstSeen.set(name, i);
  });

  // the data rows: their indices in `rows` (a CSV's cells are split again when a row is read)
  const dataRows: number[] = [];
  const blankRows: number[] = [];
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const rowNumber = i - headerIndex;
    if (rows.blank(i)) {
      blankRows.push(rowNumber);
      continue;
    }
    if (rows.width(i) === header.length) {
      dataRows.push(i);
      continue;
    }
    const cells = rows.cells(i);
    if (cells.length < header.length || (cells.length > header.length && cells.slice(header.length).some((c) => String(c).trim() !== ''))) {
      throw inputError({ file, row: rowNumber }, undefined, `row has ${cells.length} fields but the header has ${header.length}`, `${header.length} ${source.fieldsWord} fields`);
    }
    dataRows.push(i);
  }
  if (dataRows.length === 0) throw new InputError('no data rows: the file has only a header', { file });

  const mapping = resolveColumns({ file, layer, columns: header, map: options.map, geometryFields: ['lon', 'lat', 'wkt', 'lonlat'] });
  checkRequiredFields(layer, mapping, options, file, header, 'column');
  const index: Record<string, number> = {};
  for (const [target, column] of Object.entries(mapping)) index[target] = header.indexOf(column);

  // one "lng,lat" column (AutoNavi POI exports' location) stands for both when they are absent
  const pairColumn = index.lon === undefined && index.lat === undefined ? index.lonlat : undefined;
  const hasXY = (index.lon !== undefined && index.lat !== undefined) || pairColumn !== undefined;
  const xCell = (cells: string[]): unknown => (pairColumn === undefined ? cells[index.lon] : splitLonLatCell(cells[pairColumn])[0]);
  const yCell = (cells: string[]): unknown => (pairColumn === undefined ? cells[index.lat] : splitLonLatCell(cells[pairColumn])[1]);
  const needsWkt = layer === 'boundaries' || layer === 'roads';
  const available = listNames(header);
  if (needsWkt ? index.wkt === undefined : !hasXY && index.wkt === undefined) {
    const missing = needsWkt ? 'wkt' : index.lon === undefined ? 'lon' : 'lat';
    const what = {
      lon: 'longitude/easting (lon, lng, x, easting, 经度)',
      lat: 'latitude/northing (lat, y, northing, 纬度)',
      wkt: 'WKT geometry (wkt)',
    }[missing];
    throw new InputError(`no ${what} column found; map one with --map ${missing}=<column>; columns: ${available}`, { file, field: missing });
  }
  // point layers prefer explicit x/y; estates prefer a wkt outline over an x/y label point
  const useXY = hasXY && (POINT_LAYERS.includes(layer) || (layer === 'estates' && index.wkt === undefined));

  const xColumn = mapping.lon ?? mapping.lonlat ?? 'lon';
  const yColumn = mapping.lat ?? mapping.lonlat ?? 'lat';
  if (useXY && !source.crsChosen) {
    refuseMetresWithoutCrs(
      dataRows.slice(0, 1000).map((i) => {
        const cells = rows.cells(i);
        return { x: Number(xCell(cells)), y: Number(yCell(cells)), loc: { file, row: i - headerIndex }, field: yColumn };
      }),
    );
  }
  const swapAxes = options.swapAxes === true;
  const swapped = lazySwapCheck(() => {
    const evidence = new SwapEvidence();
    if (useXY) {
      for (const i of dataRows) {
        const cells = rows.cells(i);
        const x = Number(xCell(cells));
        const y = Number(yCell(cells));
        if (swapAxes) evidence.add(y, x);
        else evidence.add(x, y);
      }
    }
    return evidence;
  });
  const toLonLat = createPositionReader({
    crs,
    swapAxes,
    swapped,
    swapAdvice: useXY ? `or swap the columns: --map lon=${yColumn} lat=${xColumn}` : undefined,
  });
  const projected = !isLonLatCrs(crs);
  const tagExcluded = new Set(['fid', mapping.wkt, mapping.id, mapping.highway, mapping.name].filter((c): c is string => c !== undefined));

  const records: LayerRecordMap[L][] = [];
  const locations: RecordLocation[] = [];
  // source lon/lat of population points: their grid spacing is the cell size (GCJ-02 shifts the
  // centres by a smoothly varying offset, which would break the lattice test on WGS84 values)
  const sourceLons: number[] = [];
  const sourceLats: number[] = [];
  const from = source.progressFrom;
  const total = dataRows.length;
  // one row object, pointed at each row in turn (the builders read it only while they build)
  const row = new TableRow(index, mapping, options.generatedIdBase ?? 0);
  const kindTally = kindTallyFor(layer, mapping, options);
  const positionFields = { x: xColumn, y: yColumn };
  const xWhat = projected ? 'an easting in metres' : 'a longitude in degrees';
  const yWhat = projected ? 'a northing in metres' : 'a latitude in degrees';
  const xRules = { expected: xWhat };
  const yRules = { expected: yWhat };
  const defaults = {
    kind: options.kind,
    illustrative: options.illustrative,
    kindTally,
    toLonLat,
    tags: () => collectRoadTags(header.map((name, i): [string, unknown] => [name, row.cells[i]]), tagExcluded),
  };
  for (let n = 0; n < total; n++) {
    if (progress.due(n, total, from, 0.9)) await progress.step(n, total, from, 0.9);
    const cells = rows.cells(dataRows[n]);
    const loc: RecordLocation = { file, row: dataRows[n] - headerIndex };
    row.point(loc, cells);
    let geometry: RowGeometry;
    if (useXY) {
      const x = readNumber(xCell(cells), loc, xColumn, xRules);
      const y = readNumber(yCell(cells), loc, yColumn, yRules);
      if (x === null) throw inputError(loc, xColumn, `${projected ? 'easting' : 'longitude'} is empty`, xWhat);
      if (y === null) throw inputError(loc, yColumn, `${projected ? 'northing' : 'latitude'} is empty`, yWhat);
      const [lon, lat] = toLonLat(x, y, loc, positionFields);
      geometry = { lon, lat };
      sourceLons.push(swapAxes ? y : x);
      sourceLats.push(swapAxes ? x : y);
    } else {
      const wkt = cells[index.wkt];
      if (isEmptyCell(wkt)) throw inputError(loc, mapping.wkt, 'geometry (WKT) is empty', 'a WKT geometry');
      geometry = { raw: parseWkt(String(wkt), loc, mapping.wkt) };
    }
    const built = buildRowRecords(layer, row, geometry, defaults);
    for (let b = 0; b < built.length; b++) {
      records.push(built[b]);
      locations.push(loc);
    }
  }

  // a grid in projected metres is no lon/lat lattice: its cell size stays unknown (null)
  if (layer === 'population' && isLonLatCrs(crs)) {
    const lattice = sourceLons.length === records.length ? { lons: sourceLons, lats: sourceLats } : undefined;
    applyInferredCellSize(records as PopulationCell[], lattice);
  }
  const kinds = finishKindTally(kindTally, file, mapping.kind, 'row');
  await progress.at(0.9);
  validateRecords(layer, records, locations);
  const warnings = [...source.warnings];
  if (!swapAxes && isLonLatCrs(crs)) {
    const warning = swappedAxesWarning(file, records);
    if (warning) warnings.push(warning);
  }
  await progress.at(1);
  return {
    layer,
    format: source.format,
    records,
    origins: locations,
    skipped: [...(blankRows.length > 0 ? [blankRowsEntry(blankRows)] : []), ...kinds.skipped],
    skippedCount: blankRows.length + kinds.skippedCount,
    detected: {
      crs: crsName(crs),
      encoding: source.encoding,
      columns: header,
      mapping,
      ...(source.sourceLayers ? { sourceLayers: source.sourceLayers } : {}),
      ...(warnings.length > 0 ? { warnings } : {}),
      ...(kinds.kinds ? { kinds: kinds.kinds } : {}),
    },
  };
}
