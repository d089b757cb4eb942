/**
 * One cell holding both coordinates, "lng,lat" as AutoNavi (高德) POI exports write their location
 * ("114.305215,30.592935"); a full-width comma, a semicolon or blanks also separate them.
 * @example splitLonLatCell('114.305215,30.592935') // ['114.305215', '30.592935']
 * @example splitLonLatCell('') // [undefined, undefined]
 */
export function splitLonLatCell(cell: unknown): [string | undefined, string | undefined] {
  if (typeof cell !== 'string') return [undefined, undefined];
  const parts = cell.split(/\s*[,，;；]\s*|\s+/).filter((part) => part !== '');
  return parts.length === 2 ? [parts[0], parts[1]] : [parts[0], undefined];
}
