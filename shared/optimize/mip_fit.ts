/** Whether a MIP model is small enough to hand to HiGHS, shared by every problem's solver. */
import { InputError } from '../errors';
import type { ModelLimits } from './types';

/**
 * True when a model of `size` fits `limits`. With method 'exact' a model beyond them is refused
 * (InputError on field `method`) rather than silently solved heuristically.
 * @example if (mipFits(coverageModelSize(problem, spec), limits, method)) model = buildModel(...)
 */
export function mipFits(
  size: { columns: number; nonzeros: number },
  limits: Pick<ModelLimits, 'maxMipColumns' | 'maxMipNonzeros'>,
  method: 'auto' | 'exact' | 'heuristic',
  what = 'the MIP',
): boolean {
  const fits = size.columns <= limits.maxMipColumns && size.nonzeros <= limits.maxMipNonzeros;
  if (method === 'exact' && !fits) {
    throw new InputError(
      `exact solve refused: ${what} would have ${size.columns} columns and ${size.nonzeros} nonzeros ` +
        `(limits ${limits.maxMipColumns} / ${limits.maxMipNonzeros})`,
      { field: 'method' },
      { reason: 'optimizer_exact_too_large', params: { columns: size.columns, nonzeros: size.nonzeros } },
    );
  }
  return fits;
}
