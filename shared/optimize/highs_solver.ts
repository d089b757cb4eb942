/**
 * Solving a MipModel with HiGHS (the `highs` npm package: HiGHS compiled to WebAssembly). Works in
 * Node and in a browser worker; in a bundled worker pass `locateFile` so the loader finds highs.wasm.
 * The runtime is loaded once and shared; every solve creates and disposes its own native model.
 */
import highsLoader from 'highs';
import { CancelledError } from '../errors';
import type { MipModel } from './mip_model';
import type { AbortFlag } from './types';
import { now } from '../run_control';

type HighsRuntime = Awaited<ReturnType<typeof highsLoader>>;

let runtime: Promise<HighsRuntime> | null = null;

/**
 * Loads the HiGHS runtime once (later calls return the same promise).
 * @example const highs = await loadHighs(); highs.version.string // '1.15.1'
 */
export function loadHighs(options?: { locateFile?: (file: string) => string }): Promise<HighsRuntime> {
  if (!runtime) {
    runtime = highsLoader(options ?? {}).catch((error: unknown) => {
      runtime = null;
      throw error;
    });
  }
  return runtime;
}

export type MipStatus = 'optimal' | 'infeasible' | 'time-limit' | 'other';

export interface MipSolution {
  status: MipStatus;
  /** Objective of the best solution found (NaN when none). */
  objective: number;
  /**
   * Proven bound on the optimum: lower for min, upper for max. For an LP it equals the objective;
   * NaN when nothing was proven.
   */
  bound: number;
  /** Column values of the best solution (empty when none). */
  values: Float64Array;
  seconds: number;
}

export interface MipSolveOptions {
  /** Drop integrality: solve the LP relaxation. */
  relax?: boolean;
  timeLimitSeconds?: number;
  /** A feasible starting solution (column values) for the MIP. */
  start?: Float64Array;
  signal?: AbortFlag;
  seed?: number;
  /** Absolute gap at which the MIP may stop as optimal (e.g. 1 − 1e-6 for an integer objective). */
  absoluteGap?: number;
  loaderOptions?: { locateFile?: (file: string) => string };
  onModel?: (model: MipModel) => void;
}

/**
 * Solves a model with HiGHS. Throws CancelledError when `signal.aborted` is set during the solve.
 * @example
 *   const b = new MipModelBuilder('max'); const x = b.addColumn('x', 1, 0, 1, true);
 *   (await solveMipModel(b.build())).objective // 1
 */
export async function solveMipModel(model: MipModel, options: MipSolveOptions = {}): Promise<MipSolution> {
  options.onModel?.(model);
  const highs = await loadHighs(options.loaderOptions);
  if (options.signal?.aborted) throw new CancelledError('optimisation cancelled');
  const started = now();
  const isMip = !options.relax && model.integer.some((v) => v === 1);
  const h = highs.createModel();
  try {
    const inf = highs.infinity;
    const clampInf = (a: Float64Array) => a.map((v) => (v === Infinity ? inf : v === -Infinity ? -inf : v));
    h.passModel({
      numCols: model.columnCount,
      numRows: model.rowCount,
      sense: model.sense === 'max' ? highs.constants.objectiveSense.maximize : highs.constants.objectiveSense.minimize,
      offset: model.offset,
      colCost: model.colCost,
      colLower: clampInf(model.colLower),
      colUpper: clampInf(model.colUpper),
      rowLower: clampInf(model.rowLower),
      rowUpper: clampInf(model.rowUpper),
      matrix: {
        format: 'csr',
        numRows: model.rowCount,
        numCols: model.columnCount,
        starts: model.rowStart,
        indices: model.rowIndex,
        values: model.rowValue,
      },
      ...(isMip ? { integrality: Int32Array.from(model.integer) } : {}),
    });
    h.options.set({
      output_flag: false,
      random_seed: options.seed ?? 0,
      mip_rel_gap: 1e-9,
      mip_abs_gap: options.absoluteGap ?? 1e-6,
    });
    if (options.timeLimitSeconds !== undefined && Number.isFinite(options.timeLimitSeconds)) {
      h.options.set('time_limit', Math.max(0.1, options.timeLimitSeconds));
    }
    if (isMip && options.start) h.setSolution({ colValue: options.start });
    const signal = options.signal;
    const interrupt = (event: { interrupt(): void }) => {
      if (signal?.aborted) event.interrupt();
      return undefined;
    };
    const types = highs.constants.callbackType;
    const result = h.run(
      signal ? { [types.mipInterrupt]: interrupt, [types.simplexInterrupt]: interrupt, [types.ipmInterrupt]: interrupt } : undefined,
    );
    if (signal?.aborted) throw new CancelledError('optimisation cancelled');
    const codes = highs.constants.modelStatus;
    const code = result.modelStatus as number;
    const status: MipStatus =
      code === codes.optimal
        ? 'optimal'
        : code === codes.infeasible || code === codes.unboundedOrInfeasible
          ? 'infeasible'
          : code === codes.timeLimit
            ? 'time-limit'
            : 'other';
    let values: Float64Array = new Float64Array(0);
    let objective = NaN;
    let bound = NaN;
    const hasPrimal = Number(h.info.get('primal_solution_status')) === 2;
    if (status !== 'infeasible' && hasPrimal) {
      values = Float64Array.from(h.getSolution().colValue);
      objective = h.getObjectiveValue();
    }
    if (isMip) {
      const dual = Number(h.info.get('mip_dual_bound'));
      if (Number.isFinite(dual)) bound = dual;
    } else if (status === 'optimal') bound = objective;
    return { status, objective, bound, values, seconds: (now() - started) / 1000 };
  } finally {
    h.dispose();
  }
}
