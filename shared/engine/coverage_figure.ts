/**
 * The one shape of a coverage figure: how many of something (people, older people, cells) there are,
 * how many of them are covered, and the share. Circle coverage (one pass or incremental), the
 * accessibility analysis, the live figures and the host's coverage reply all use it.
 */

export interface CoverageFigure {
  total: number;
  covered: number;
  /** covered / total; null when total is 0 */
  ratio: number | null;
}

/** Cells of a grid and how many of them are covered (no share: the figures report people's). */
export interface CellCoverage {
  total: number;
  covered: number;
}

/** Circle coverage of a set of facilities at one radius. */
export interface CircleCoverageFigures {
  population: CoverageFigure;
  elderly: CoverageFigure;
  cells: CellCoverage;
  facilities: number;
  radiusM: number;
}

/**
 * @example coverageFigure(200, 50) // { total: 200, covered: 50, ratio: 0.25 }
 */
export function coverageFigure(total: number, covered: number): CoverageFigure {
  return { total, covered, ratio: total > 0 ? covered / total : null };
}
