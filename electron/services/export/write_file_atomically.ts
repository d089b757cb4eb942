/**
 * Writes an export whole to a temporary name next to the target and renames it, so a failed write
 * never leaves half a file; the open project file can never be the target.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../../../shared/errors';

/** @returns the absolute path written */
export function writeFileAtomically(path: string, content: string | Uint8Array, projectPath: string | null): string {
  const target = resolve(path);
  if (projectPath !== null && target === resolve(projectPath)) {
    throw new InputError('the export would overwrite the open project file; choose another file name', { file: path, field: 'out' }, { reason: 'export_overwrites_project' });
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InputError(`cannot write the file (${reason})`, { file: path, field: 'out', expected: 'a writable path' }, { reason: 'cannot_write', params: { detail: reason } });
  }
  return target;
}
