/** Small argument helpers for the `siting` CLI: typed flags with messages that name the flag. */
import { InputError } from '../../shared/errors';

export function requirePositional(positionals: string[], index: number, name: string, usage: string): string {
  const value = positionals[index];
  if (!value) throw new InputError(`missing <${name}>; usage: ${usage}`);
  return value;
}

export function numberFlag(value: string | undefined, flag: string, fallback: number, check: (n: number) => boolean, expected: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || !check(n)) throw new InputError(`--${flag} must be ${expected}, got "${value}"`, { field: flag }, { reason: 'flag_value_invalid', params: { flag: `--${flag}`, value } });
  return n;
}

/** Parses repeated `--map field=column` flags. */
export function parseMapFlags(values: string[] | undefined): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const map: Record<string, string> = {};
  for (const entry of values) {
    const at = entry.indexOf('=');
    if (at <= 0 || at === entry.length - 1) throw new InputError(`--map must look like field=sourceColumn, got "${entry}"`, { field: 'map' });
    map[entry.slice(0, at).trim()] = entry.slice(at + 1).trim();
  }
  return map;
}

export function listFlag(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
