/**
 * The import dialog's words (issue 15): every coordinate-system reason the host can give is said in
 * Chinese without English, the report names many files in the active language, and its "… more"
 * line counts the rows not covered by the entries shown (a GeoTIFF's one nodata entry covers all).
 */
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { guessCrsFromCoordinates } from '../../../shared/geodesy/crs_guess';
import { wgs84ToGcj02 } from '../../../shared/geodesy/gcj02';
import { crsReasonText } from '../../../renderer/components/import/crs_reason';
import { describeFiles, skippedRowsNotShown } from '../../../renderer/components/import/import_files';
import { i18nOptions, type UiLanguage } from '../../../renderer/i18n/i18n';

async function translator(language: UiLanguage): Promise<TFunction> {
  const instance = i18next.createInstance();
  await instance.init(i18nOptions(language));
  return instance.t;
}

/** Samples that make the guesser give each of its reasons. */
function everyReason() {
  const gcj = [wgs84ToGcj02(114.27, 30.59)];
  return [
    ...guessCrsFromCoordinates(gcj),
    ...guessCrsFromCoordinates(gcj, { columns: ['name', 'bd09_lng', 'bd09_lat'] }),
    ...guessCrsFromCoordinates(gcj, { fileName: '高德.csv' }),
    ...guessCrsFromCoordinates(gcj, { sourceValues: ['amap'] }),
    ...guessCrsFromCoordinates(gcj, { columns: ['location', 'typecode', 'adcode'] }),
    ...guessCrsFromCoordinates([[2.35, 48.85]]),
    ...guessCrsFromCoordinates([[30.59, 114.27]]),
    ...guessCrsFromCoordinates([[38528770.2, 3386666.3]]),
    ...guessCrsFromCoordinates([[3386666.3, 38528770.2]]),
    ...guessCrsFromCoordinates([[12720000, 3580000]]),
    ...guessCrsFromCoordinates([[528770.2, 3386666.3]]),
    ...guessCrsFromCoordinates([[3386666.3, 528770.2]]),
  ].map((c) => ({ crs: null, swapAxes: c.swapAxes, confidence: c.confidence, reason: c.reason, reasonCode: c.reasonCode, reasonParams: { ...c.reasonParams }, suggestedCodes: c.suggestedCodes }));
}

describe('coordinate-system reasons', () => {
  it('cover every reason code, in Chinese without English words (names like GCJ-02, EPSG and column names aside)', async () => {
    const tZh = await translator('zh');
    const suggestions = everyReason();
    expect(new Set(suggestions.map((s) => s.reasonCode)).size).toBe(10);
    for (const suggestion of suggestions) {
      const text = crsReasonText(tZh, suggestion);
      expect(text, suggestion.reasonCode).toMatch(/[\u4e00-\u9fff]/);
      expect(text.replace(/GCJ-02|BD-09|WGS 84|CGCS2000|EPSG|Web|POI|location|typecode|adcode|bd09_lng|amap|\.csv/g, ''), suggestion.reasonCode).not.toMatch(/[A-Za-z]{3,}/);
      expect(text).not.toContain('import.');
    }
  });

  it('say the evidence of a hint with its detail, in both languages', async () => {
    const [tZh, tEn] = await Promise.all([translator('zh'), translator('en')]);
    const hinted = everyReason().find((s) => s.reasonCode === 'offset_hint' && s.reasonParams.evidence === 'column');
    expect(crsReasonText(tZh, hinted!)).toBe('BD-09（百度）：列名“bd09_lng”表明了坐标系。仅凭数值无法与 WGS 84 区分。');
    expect(crsReasonText(tEn, hinted!)).toBe('BD-09 (Baidu): the column “bd09_lng” names it. The numbers alone cannot tell it from WGS 84.');
  });
});

describe('the import report', () => {
  it('names ten GeoTIFFs in the active language', async () => {
    const tZh = await translator('zh');
    const names = Array.from({ length: 10 }, (_, i) => `chn_f_${60 + 5 * i}_2020.tif`);
    expect(describeFiles(names, (count) => tZh('import.moreFiles', { count }))).toBe('chn_f_60_2020.tif, chn_f_65_2020.tif, chn_f_70_2020.tif 等另外 7 个');
  });

  it('counts the rows beyond the entries shown: none after the one nodata summary, the rest after row entries', () => {
    expect(skippedRowsNotShown([{ count: 2_277_540 }], 2_277_540, 5)).toBe(0);
    expect(skippedRowsNotShown([{ count: 3 }, {}, {}, {}, {}, {}, {}], 9, 5)).toBe(2);
    expect(skippedRowsNotShown(Array.from({ length: 100 }, () => ({})), 250, 5)).toBe(245);
  });
});
