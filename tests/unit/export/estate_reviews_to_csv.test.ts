import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../shared/rules/presets';
import { reviewEstates } from '../../../shared/usecases/review_estate';
import { estateReviewsToCsv } from '../../../electron/services/export/estate_reviews_to_csv';

describe('estate reviews as CSV', () => {
  it('writes one row per estate and rule, numbers as numbers, text behind the formula guard', () => {
    const { estates } = reviewEstates(
      [
        // 1,234 households × 20 / 100 = 246.8 m² required; 200 provided: 46.8 m² short.
        { id: 'E1', name: '=HYPERLINK("http://x","示意")', type: 'new', households: 1234, careRooms: [{ floorAreaM2: 200, floorLevels: [1], basement: false, lon: null, lat: null }] },
        { id: '-2', name: '旧区, 示意', type: 'old', households: null, careRooms: [] },
      ],
      PRESETS.nanhai,
    );
    const text = estateReviewsToCsv(estates);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toEqual([
      'estate_id,estate_name,estate_verdict,rule,verdict,required,provided,shortfall,unit,method,reason,preset_id,preset_version',
      `E1,"'=HYPERLINK(""http://x"",""示意"")",non_compliant,care_floor_area_per_100_households,fail,246.8,200,${246.8 - 200},m2,,,nanhai,1`,
      `'-2,"旧区, 示意",incomplete,care_floor_area_per_100_households,not_checkable,,,,m2,,households,nanhai,1`,
      '',
    ]);
  });

  it('gives an estate without estate rules (the national preset) its row', () => {
    const { estates } = reviewEstates([{ id: 'E1', name: 'a', type: 'new', households: 10, careRooms: [] }], PRESETS.national);
    expect(estateReviewsToCsv(estates).split('\r\n')[1]).toBe('E1,a,compliant,,,,,,,,,national,1');
  });
});
