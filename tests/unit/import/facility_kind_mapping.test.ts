/**
 * Facility-kind value mapping (issue 15): the shared synonyms know the names offices write, the
 * mapping's precedence is chosen map > remembered > synonym > default (empty cells), unknown values
 * are counted rather than aborting at the first row, stored and given maps are checked, and an
 * AutoNavi "lng,lat" location cell splits into its two numbers.
 */
import { describe, expect, it } from 'vitest';
import { facilityKindOfSynonym, kindValueKey } from '../../../shared/schemas/facility_kind_synonyms';
import { KindTally, mergeKindMaps, parseKindMap, resolveKindValue } from '../../../shared/schemas/facility_kind_map';
import { FACILITY_KIND_WORDS } from '../../../shared/schemas/facility_words';
import { FACILITY_KINDS } from '../../../shared/schemas/entities';
import { splitLonLatCell } from '../../../electron/services/import/lon_lat_cell';

describe('facilityKindOfSynonym', () => {
  it('maps the names of the issue and the DOMAIN terms to kinds', () => {
    const names: [string, string][] = [
      ['社区养老服务中心', 'community_station'],
      ['养老服务中心', 'community_station'],
      ['老年公寓', 'care_home'],
      ['助餐点', 'canteen'],
      ['长者饭堂', 'canteen'],
      ['养老机构', 'care_home'],
      ['日间照料站', 'day_care'],
      ['敬老院', 'care_home'],
      ['福利院', 'care_home'],
      ['护理院', 'care_home'],
      ['卫生服务中心', 'health_station'],
      ['社区卫生服务站', 'health_station'],
      ['XX街道社区卫生服务中心', 'health_station'],
      ['医疗保健服务;综合医院;综合医院', 'hospital'],
      ['Nursing home', 'care_home'],
      ['Day-care  centre', 'day_care'],
      ['ＤＡＹ_ＣＡＲＥ', 'day_care'],
    ];
    expect(names.map(([name]) => [name, facilityKindOfSynonym(name)])).toEqual(names);
  });

  it('knows every kind under its own zh and en words (facility_words.ts), and nothing for unknown or prototype names', () => {
    for (const kind of FACILITY_KINDS) {
      expect(facilityKindOfSynonym(kind)).toBe(kind);
      expect(facilityKindOfSynonym(FACILITY_KIND_WORDS.zh[kind])).toBe(kind);
      expect(facilityKindOfSynonym(FACILITY_KIND_WORDS.en[kind])).toBe(kind);
    }
    expect(facilityKindOfSynonym('老年活动室')).toBeNull();
    expect(facilityKindOfSynonym('constructor')).toBeNull();
    expect(facilityKindOfSynonym('  ')).toBeNull();
  });
});

describe('resolveKindValue and KindTally', () => {
  it('takes the chosen map first, then the remembered one, then synonyms; empty cells take the default', () => {
    const rules = { map: { 助餐点: 'other' as const }, remembered: { 助餐点: 'skip' as const, 老年活动室: 'day_care' as const }, fallback: 'canteen' as const };
    expect(resolveKindValue('助餐点', rules)).toEqual({ kind: 'other', source: 'map' });
    expect(resolveKindValue(' 老年活动室 ', rules)).toEqual({ kind: 'day_care', source: 'remembered' });
    expect(resolveKindValue('敬老院', rules)).toEqual({ kind: 'care_home', source: 'synonym' });
    expect(resolveKindValue('', rules)).toEqual({ kind: 'canteen', source: 'default' });
    expect(resolveKindValue('', {})).toEqual({ kind: null, source: 'none' });
    expect(resolveKindValue('老年活动室', {})).toEqual({ kind: null, source: 'none' });
  });

  it('counts every row of every value, lists unmapped values with their counts, sums rows per kind', () => {
    const cells = ['助餐点', '助餐点', '老年活动室', '敬老院', null, '老年活动室', '老年活动室', '兴趣小组', '助餐点'];
    const tally = new KindTally({ map: { 兴趣小组: 'skip' } });
    const targets = cells.map((cell) => tally.add(cell));
    expect(targets).toEqual(['canteen', 'canteen', null, 'care_home', null, null, null, 'skip', 'canteen']);
    // an independent count of the cells
    const expected = new Map<string, number>();
    for (const cell of cells) expected.set(cell ?? '', (expected.get(cell ?? '') ?? 0) + 1);
    expect(new Map(tally.summary().map((entry) => [entry.value, entry.count]))).toEqual(expected);
    expect(tally.unmapped().map((entry) => [entry.value, entry.count])).toEqual([['老年活动室', 3], ['', 1]]);
    expect(tally.counts()).toEqual({ canteen: 3, care_home: 1, skip: 1 });
  });

  it('remembers only the user\'s decisions, merged over the stored ones', () => {
    const tally = new KindTally({ map: { 老年活动室: 'other', '': 'day_care' }, remembered: { 兴趣小组: 'skip' } });
    for (const cell of ['老年活动室', '敬老院', '兴趣小组', null]) tally.add(cell);
    expect(mergeKindMaps({ 兴趣小组: 'skip', 旧值: 'hospital' }, tally.summary())).toEqual({ 兴趣小组: 'skip', 旧值: 'hospital', 老年活动室: 'other' });
  });

  it('checks a mapping (values are kinds or "skip") and keys it like the importer (NFKC, trimmed)', () => {
    expect(parseKindMap({ ' 助餐点 ': 'canteen', 'ＡＢ': 'skip' })).toEqual({ 助餐点: 'canteen', AB: 'skip' });
    expect(kindValueKey('ＡＢ ')).toBe('AB');
    expect(parseKindMap(null)).toBeNull();
    expect(() => parseKindMap({ 助餐点: 'restaurant' })).toThrow();
    expect(() => parseKindMap(['canteen'])).toThrow();
  });
});

describe('splitLonLatCell', () => {
  it('splits AutoNavi "lng,lat" locations (comma, full-width comma, semicolon or blank)', () => {
    expect(splitLonLatCell('114.305215,30.592935')).toEqual(['114.305215', '30.592935']);
    expect(splitLonLatCell('114.3，30.5')).toEqual(['114.3', '30.5']);
    expect(splitLonLatCell(' 114.3 30.5 ')).toEqual(['114.3', '30.5']);
    expect(splitLonLatCell('114.3')).toEqual(['114.3', undefined]);
    expect(splitLonLatCell(undefined)).toEqual([undefined, undefined]);
  });
});
