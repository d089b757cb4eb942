/**
 * Which cells the population classes are computed over: the whole project, the cells in the
 * current view, or the cells of a study area. The map colours every cell with the classes, but
 * only the domain's cells decide where the breaks fall, so a city-wide ramp does not paint a whole
 * inner district in one class. Values and cells are aligned arrays (index = cell).
 */
import { classBreaks, type ClassBreaks, type ClassMethod } from './class_breaks';

export const CLASS_DOMAINS = ['project', 'view', 'studyArea'] as const;
export type ClassDomainKind = (typeof CLASS_DOMAINS)[number];

/** [west, south, east, north] in WGS84 degrees. */
export type Bbox = readonly [number, number, number, number];

/** Cell positions (centres, WGS84) and ids, aligned with the values. */
export interface CellIndex {
  lon: Float64Array;
  lat: Float64Array;
  /** Project fids per cell; absent: the fid is the index. */
  fid?: Int32Array;
}

/**
 * The domain as a membership test per cell index: `null` = every cell (whole project).
 * A view takes the cells whose centre is inside `bbox`; a study area the cells whose fid is in `fids`.
 */
export type ClassDomain = { kind: 'project' } | { kind: 'view'; bbox: Bbox } | { kind: 'studyArea'; fids: ReadonlySet<number> };

/**
 * The values of the cells in `domain`, in cell order (a new array; NaN stays NaN and is skipped
 * by the breaks).
 * @example valuesInDomain(Float64Array.of(1, 2, 3), { lon: Float64Array.of(0, 1, 2), lat: Float64Array.of(0, 0, 0) }, { kind: 'view', bbox: [0.5, -1, 3, 1] }) // [2, 3]
 */
export function valuesInDomain(values: Float64Array, cells: CellIndex, domain: ClassDomain): Float64Array {
  if (cells.lon.length !== values.length || cells.lat.length !== values.length) {
    throw new RangeError(`values has ${values.length} entries for ${cells.lon.length} cells`);
  }
  if (domain.kind === 'project') return values;
  const out: number[] = [];
  if (domain.kind === 'view') {
    const [west, south, east, north] = domain.bbox;
    for (let i = 0; i < values.length; i++) {
      const lon = cells.lon[i];
      const lat = cells.lat[i];
      if (lon >= west && lon <= east && lat >= south && lat <= north) out.push(values[i]);
    }
  } else {
    for (let i = 0; i < values.length; i++) if (domain.fids.has(cells.fid ? cells.fid[i] : i)) out.push(values[i]);
  }
  return Float64Array.from(out);
}

/**
 * Classes of `values` computed over the cells of `domain` only (null when the domain holds no
 * value: e.g. a view beside the grid).
 * @example domainClassBreaks(values, cells, { kind: 'view', bbox }, 5, 'quantile')
 */
export function domainClassBreaks(values: Float64Array, cells: CellIndex, domain: ClassDomain, classCount: number, method: ClassMethod): ClassBreaks | null {
  return classBreaks(valuesInDomain(values, cells, domain), classCount, method);
}

/** A study-area domain from the fids of the cells inside the study area (the one call to wire a study area). */
export function studyAreaDomain(fids: Iterable<number>): ClassDomain {
  return { kind: 'studyArea', fids: new Set(fids) };
}
