/**
 * Names from a project (a unit's, an estate's id) as parts of file names: the atlas's one file per
 * unit, the review sheet's download. A project file may come from anyone, so a name never makes a
 * path: separators, characters Windows refuses, control characters, "." and "..", and Windows device
 * names (CON, NUL, COM1 …) are replaced.
 */

const REFUSED = /[/\\:*?"<>|\u0000-\u001f\u007f]/g;
const DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * @example fileNamePart('江汉区/汉兴街') // "江汉区_汉兴街"
 * @example fileNamePart('..') // "_"
 * @example fileNamePart('NUL') // "_NUL"
 */
export function fileNamePart(name: string): string {
  // Windows drops trailing dots and spaces, which would make "a." and "a" one file.
  const safe = name.trim().replace(REFUSED, '_').replace(/[. ]+$/, '');
  if (safe === '' || /^\.+$/.test(safe)) return '_';
  return DEVICE.test(safe) ? `_${safe}` : safe;
}

/**
 * The file name of an estate's review sheet.
 * @example reviewSheetFileName('demo-E2') // "review_sheet_demo-E2.pdf"
 */
export function reviewSheetFileName(estateId: string): string {
  return `review_sheet_${fileNamePart(estateId)}.pdf`;
}
