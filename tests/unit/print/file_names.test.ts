/**
 * Names from a project as parts of file names (shared/print/file_names.ts): whatever a project file
 * holds, the file stays in the folder it was meant for.
 */
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileNamePart, reviewSheetFileName } from '../../../shared/print/file_names';

describe('fileNamePart', () => {
  it('keeps ordinary names (Chinese, Latin, digits) as they are', () => {
    expect(fileNamePart('汉兴街道')).toBe('汉兴街道');
    expect(fileNamePart('Futian District 2')).toBe('Futian District 2');
  });

  it('never lets a name leave its folder or name a device', () => {
    const hostile = ['..', '.', '../../etc/passwd', 'a/b', 'a\\b', 'C:evil', 'NUL', 'com1.txt', 'x\u0000y', '   ', 'end. ', 'a\nb'];
    const folder = join('out', 'atlas');
    for (const name of hostile) {
      const part = fileNamePart(name);
      expect(dirname(join(folder, `${part}.pdf`)), name).toBe(folder);
      expect(part, name).not.toMatch(/[/\\:\u0000-\u001f]|^\.+$|[. ]$/);
      expect(part.toLowerCase(), name).not.toMatch(/^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)/);
    }
    expect(fileNamePart('..')).toBe('_');
    expect(fileNamePart('江汉区/汉兴街')).toBe('江汉区_汉兴街');
    expect(fileNamePart('NUL')).toBe('_NUL');
  });

  it('names a review sheet after its estate', () => {
    expect(reviewSheetFileName('demo-E2')).toBe('review_sheet_demo-E2.pdf');
    expect(reviewSheetFileName('../x')).toBe('review_sheet_.._x.pdf');
  });
});
