/**
 * Decides which source column feeds which target field: `options.map` first (every key must be a
 * field of the layer, every value an existing column), then the aliases of field_aliases.ts for the
 * fields still open. A column is used for at most one field.
 */
import { InputError } from '../../../shared/errors';
import type { ImportableLayer } from '../../../shared/schemas/entities';
import { GEOMETRY_FIELD_ALIASES, LAYER_FIELD_ALIASES, MAP_KEY_SYNONYMS, normalizeColumnName } from './field_aliases';
import { listNames } from './list_names';

export type GeometryField = keyof typeof GEOMETRY_FIELD_ALIASES;

export interface ResolveColumnsInput {
  file: string;
  layer: ImportableLayer;
  /** Column names as they appear in the file (CSV header, GeoJSON property keys). */
  columns: string[];
  map: Record<string, string> | undefined;
  /** Coordinate fields this format takes from columns (CSV: lon, lat, wkt; GeoJSON: none). */
  geometryFields: GeometryField[];
}

/** Returns target field → source column (exact name as in the file). */
export function resolveColumns(input: ResolveColumnsInput): Record<string, string> {
  const { file, layer, columns } = input;
  const fieldAliases: Record<string, string[]> = { ...LAYER_FIELD_ALIASES[layer] };
  for (const geometryField of input.geometryFields) fieldAliases[geometryField] = GEOMETRY_FIELD_ALIASES[geometryField];
  const targets = Object.keys(fieldAliases);
  const mapping: Record<string, string> = {};
  const used = new Set<string>();

  for (const [rawKey, rawColumn] of Object.entries(input.map ?? {})) {
    const target = canonicalTarget(layer, rawKey);
    if (!targets.includes(target)) {
      const hint =
        input.geometryFields.length === 0 && (target === 'lon' || target === 'lat' || target === 'wkt')
          ? ' (coordinates of GeoJSON features come from their geometry)'
          : '';
      throw new InputError(`--map names unknown field "${rawKey}" for layer ${layer}${hint}`, {
        file,
        field: rawKey,
        expected: `one of ${targets.join(', ')}`,
      });
    }
    const column = findColumn(columns, rawColumn);
    if (column === null) {
      const available = listNames(columns);
      throw new InputError(`--map ${rawKey}=${rawColumn}: the file has no column "${rawColumn}"; available columns: ${available}`, {
        file,
        field: rawColumn,
      });
    }
    mapping[target] = column;
    used.add(column);
  }

  const normalized = columns.map(normalizeColumnName);
  for (const target of targets) {
    if (mapping[target] !== undefined) continue;
    for (const alias of fieldAliases[target]) {
      const wanted = normalizeColumnName(alias);
      const index = normalized.findIndex((name, i) => name === wanted && !used.has(columns[i]));
      if (index >= 0) {
        mapping[target] = columns[index];
        used.add(columns[index]);
        break;
      }
    }
  }
  return mapping;
}

function canonicalTarget(layer: ImportableLayer, key: string): string {
  const trimmed = key.trim().toLowerCase();
  return MAP_KEY_SYNONYMS[layer]?.[trimmed] ?? trimmed;
}

/** Exact name first, then a unique case-insensitive, trimmed match. */
function findColumn(columns: string[], wanted: string): string | null {
  if (columns.includes(wanted)) return wanted;
  const folded = wanted.trim().toLowerCase();
  const matches = columns.filter((c) => c.trim().toLowerCase() === folded);
  return matches.length === 1 ? matches[0] : null;
}
