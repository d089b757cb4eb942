/**
 * A linear model (LP or MIP) in sparse row form, built incrementally by the problem formulations and
 * handed to HiGHS (`highs_solver.ts`) or written as CPLEX LP text (`lp_format.ts`).
 *
 * Invariant: every row has exactly one finite side, or equal sides (an equation). Ranged rows are not
 * created, so the LP-format writer never needs them.
 */

export interface MipModel {
  readonly sense: 'min' | 'max';
  readonly columnCount: number;
  readonly rowCount: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 1 for integer (binary with bounds [0, 1]) columns. */
  readonly integer: Uint8Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSR: row r has entries rowStart[r] .. rowStart[r + 1] - 1. */
  readonly rowStart: Int32Array;
  readonly rowIndex: Int32Array;
  readonly rowValue: Float64Array;
  /** Column names for LP text (x0, z12, ...); generated from prefixes. */
  readonly colNames: readonly string[];
  /** Constant added to the objective. */
  readonly offset: number;
}

/** Incremental builder. Columns first or interleaved with rows; both are fine. */
export class MipModelBuilder {
  private readonly sense: 'min' | 'max';
  private readonly cost: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];
  private readonly integer: number[] = [];
  private readonly names: string[] = [];
  private readonly rowLower: number[] = [];
  private readonly rowUpper: number[] = [];
  private readonly rowStart: number[] = [0];
  private readonly rowIndex: number[] = [];
  private readonly rowValue: number[] = [];
  offset = 0;

  constructor(sense: 'min' | 'max') {
    this.sense = sense;
  }

  get columnCount(): number {
    return this.cost.length;
  }

  get rowCount(): number {
    return this.rowLower.length;
  }

  get nonzeroCount(): number {
    return this.rowIndex.length;
  }

  /** Adds a column and returns its index. `name` must be unique and LP-safe (letters, digits, _). */
  addColumn(name: string, cost: number, lower: number, upper: number, integer = false): number {
    this.cost.push(cost);
    this.lower.push(lower);
    this.upper.push(upper);
    this.integer.push(integer ? 1 : 0);
    this.names.push(name);
    return this.cost.length - 1;
  }

  /** Adds Σ values[k]·x[indices[k]] ≤ rhs. */
  addLessEqual(indices: ArrayLike<number>, values: ArrayLike<number>, rhs: number): void {
    this.addRow(indices, values, -Infinity, rhs);
  }

  /** Adds Σ values[k]·x[indices[k]] ≥ rhs. */
  addGreaterEqual(indices: ArrayLike<number>, values: ArrayLike<number>, rhs: number): void {
    this.addRow(indices, values, rhs, Infinity);
  }

  /** Adds Σ values[k]·x[indices[k]] = rhs. */
  addEqual(indices: ArrayLike<number>, values: ArrayLike<number>, rhs: number): void {
    this.addRow(indices, values, rhs, rhs);
  }

  private addRow(indices: ArrayLike<number>, values: ArrayLike<number>, lower: number, upper: number): void {
    for (let k = 0; k < indices.length; k++) {
      this.rowIndex.push(indices[k]);
      this.rowValue.push(values[k]);
    }
    this.rowStart.push(this.rowIndex.length);
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
  }

  build(): MipModel {
    return {
      sense: this.sense,
      columnCount: this.cost.length,
      rowCount: this.rowLower.length,
      colCost: Float64Array.from(this.cost),
      colLower: Float64Array.from(this.lower),
      colUpper: Float64Array.from(this.upper),
      integer: Uint8Array.from(this.integer),
      rowLower: Float64Array.from(this.rowLower),
      rowUpper: Float64Array.from(this.rowUpper),
      rowStart: Int32Array.from(this.rowStart),
      rowIndex: Int32Array.from(this.rowIndex),
      rowValue: Float64Array.from(this.rowValue),
      colNames: this.names,
      offset: this.offset,
    };
  }
}

/** Size of a model as reported in results. */
export function modelSize(model: MipModel, relaxed: boolean) {
  return { columns: model.columnCount, rows: model.rowCount, nonzeros: model.rowIndex.length, relaxed };
}
