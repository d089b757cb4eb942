/**
 * File-level checks once the columns are resolved: fields without which no row of the layer could
 * be imported are reported once, naming the file and the columns it does have.
 */
import { InputError } from '../../../shared/errors';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import type { ImportOptions } from '../../../shared/ipc/contract';
import { LAYER_FIELD_ALIASES } from './field_aliases';
import { listNames } from './list_names';

const COUNT_FIELDS = ['population', 'elderly', 'age65', 'age80'];

export function checkRequiredFields(
  layer: ImportableLayer,
  mapping: Record<string, string>,
  options: ImportOptions,
  file: string,
  columns: string[],
  columnWord: 'column' | 'property',
): void {
  const available = listNames(columns);
  const missing = (field: string, what: string, how: string): InputError =>
    new InputError(`no ${what} ${columnWord} found (looked for ${LAYER_FIELD_ALIASES[layer][field].join(', ')}); ${how}; ${columnWord}s: ${available}`, {
      file,
      field,
    });
  if (layer === 'population' && !COUNT_FIELDS.some((f) => mapping[f] !== undefined)) {
    throw new InputError(
      `no population count ${columnWord} found; map one with --map population=<${columnWord}> (or elderly, age65, age80); ${columnWord}s: ${available}`,
      { file, field: 'population', expected: 'at least one of population, elderly, age65, age80' },
    );
  }
  if (layer === 'facilities' && mapping.kind === undefined && options.kind === undefined) {
    throw missing('kind', 'facility kind', 'map one with --map kind=<column> or give a default kind with --kind');
  }
  if (layer === 'estates' && mapping.area_type === undefined) {
    throw missing('area_type', 'estate area type (new/old)', 'map one with --map area_type=<column>');
  }
}
