/**
 * Edited presets on the Wuhan sample with the illustrative estates (issue 12, "copy a preset and
 * edit numbers, stored in the project with a version"): the hosts' presets:list / save / delete
 * (version raised on every save, audit entries, a copy in use not deleted, a copy with a missing
 * number refused naming rule and field and nothing written), a review with the copy (rate 20 → 30)
 * against households ÷ 100 × 30 computed here from the CSV, the estate checks' codes, and the command
 * line: `siting review|check --preset FILE.json` (a bad file exits 2 naming file, rule and field, and
 * the project's bytes stay as they were) and `siting presets` export → import round trip.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api } from '../../shared/ipc/contract';
import { copyPreset, editRule } from '../../shared/rules/edit_preset';
import { PRESETS } from '../../shared/rules/presets';
import type { Preset } from '../../shared/rules/rule';



import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { hostApi } from '../helpers/host_handlers';

const ESTATES_CSV = join(SAMPLE_DIR, 'illustrative_estates.csv');
const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');
const FLOOR = 'care_floor_area_per_100_households';

/** The renderer's Api over the host's handlers in this process; a refused call throws its reply. */

/** The sample's estates: id, type, and households (or residential floor area ÷ average unit size), read without the app's code. */
function estatesOfCsv(): { id: string; type: string; households: number; careArea: number | null }[] {
  const [header, ...rows] = readFileSync(ESTATES_CSV, 'utf8').trim().split('\n').map((line) => line.split(','));
  const col = (cells: string[], name: string) => cells[header.indexOf(name)];
  return rows.map((cells) => ({
    id: col(cells, 'id'),
    type: col(cells, 'estate_type'),
    households: col(cells, 'households') !== '' ? Number(col(cells, 'households')) : Number(col(cells, 'residential_floor_area_m2')) / Number(col(cells, 'average_unit_m2')),
    careArea: col(cells, 'care_floor_area_m2') === '' ? null : Number(col(cells, 'care_floor_area_m2')),
  }));
}

function storedReviews(project: string): number {
  const db = new Database(project, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM estate_reviews').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('edited presets over the hosts’ channels', () => {
  const project = join(tempDir(), 'edited-presets.gpkg');
  let api: Api;

  beforeAll(async () => {
    api = hostApi();
    await api['project:create']({ path: project, sample: 'wuhan-core' });
    await api['layer:import']({ layer: 'facilities', file: { path: FACILITIES_CSV }, options: {} });
    await api['layer:import']({ layer: 'estates', file: { path: ESTATES_CSV }, options: {} });
  }, 120_000);

  it('lists the bundled presets and no edited copy in a new project', async () => {
    const listed = await api['presets:list']({});
    expect(listed.bundled.map((p) => p.id)).toEqual(Object.keys(PRESETS));
    expect(listed.edited).toEqual([]);
  });

  it('saves a copy with version 1, raises the version on every save, and audits each save', async () => {
    const copy = copyPreset(PRESETS.nanhai, ['nanhai']);
    const first = await api['presets:save']({ preset: copy as never });
    expect(first).toMatchObject({ id: 'nanhai-copy-1', version: 1, basedOn: { id: 'nanhai', version: 1 } });
    const raised = editRule(first, FLOOR, { field: 'm2Per100Households.new', value: 30 });
    const second = await api['presets:save']({ preset: raised as never });
    expect(second.version).toBe(2);
    expect(second.rules[0].source.edits).toEqual([{ field: 'm2Per100Households.new', from: 20, to: 30 }]);
    // Whatever version the caller sends, the project's count goes on.
    const third = await api['presets:save']({ preset: { ...second, version: 1 } as never });
    expect(third.version).toBe(3);
    const listed = await api['presets:list']({});
    expect(listed.edited).toEqual([third]);
    const audit = (await api['audit:list']({ limit: 10 })).filter((entry) => entry.action === 'preset:save');
    expect(audit.map((entry) => [entry.featureId, (entry.before as Preset | null)?.version ?? null, (entry.after as Preset).version])).toEqual([
      ['nanhai-copy-1', 2, 3],
      ['nanhai-copy-1', 1, 2],
      ['nanhai-copy-1', null, 1],
    ]);
  });

  it('refuses a copy with a missing number naming rule and field, a bundled id, and writes nothing', async () => {
    const before = await api['presets:list']({});
    const stored = before.edited[0];
    const json = JSON.parse(JSON.stringify(stored)) as { rules: Array<Record<string, unknown>> };
    delete json.rules.find((rule) => rule.id === 'nursing_bed_share')!.minShare;
    await expect(api['presets:save']({ preset: json })).rejects.toMatchObject({ code: 'bad_input', reason: 'preset_rule_invalid', params: { rule: 'nursing_bed_share', field: 'minShare' } });
    await expect(api['presets:save']({ preset: { ...PRESETS.doumen } as never })).rejects.toMatchObject({ code: 'bad_input', reason: 'preset_bundled', params: { id: 'doumen' } });
    expect(await api['presets:list']({})).toEqual(before);
  });

  it('reviews with the edited copy: its id and version, required = households ÷ 100 × 30, rule codes for the app', async () => {
    await api['settings:set']({ rulesPreset: 'nanhai-copy-1' });
    const reply = await api['review:run']({ codes: true });
    expect(reply.preset).toEqual({ id: 'nanhai-copy-1', version: 3 });
    const estates = estatesOfCsv();
    const newOnes = estates.filter((estate) => estate.type === 'new' && estate.careArea !== null);
    expect(newOnes.length).toBeGreaterThan(2);
    for (const estate of newOnes) {
      const check = reply.estates.find((e) => e.id === estate.id)!.checks.find((c) => c.rule === FLOOR)!;
      const required = (estate.households / 100) * 30;
      expect(check.required, estate.id).toBeCloseTo(required, 9);
      expect(check.provided, estate.id).toBe(estate.careArea);
      expect(check.verdict, estate.id).toBe(estate.careArea! >= required ? 'pass' : 'fail');
    }
    // Old estates keep the bundled 15.
    for (const estate of estates.filter((e) => e.type === 'old')) {
      expect(reply.estates.find((e) => e.id === estate.id)!.checks[0].required, estate.id).toBeCloseTo((estate.households / 100) * 15, 9);
    }
    // The estate without a care floor area says so as a code; the renewal project why the rule does not apply.
    const noArea = estates.find((e) => e.careArea === null)!;
    expect(reply.estates.find((e) => e.id === noArea.id)!.checks[0]).toMatchObject({ verdict: 'not_checkable', reason: 'careRooms.0.floorAreaM2', missing: { input: 'room_floor_area', params: { room: '1' } } });
    const renewal = estates.find((e) => e.type === 'renewal')!;
    expect(reply.estates.find((e) => e.id === renewal.id)!.checks[0]).toMatchObject({ verdict: 'not_applicable', reason: 'estate type renewal', because: { code: 'estate_type', params: { type: 'renewal' } } });
    // Without `codes` the checks are exactly the CLI's.
    const plain = await api['review:run']({});
    expect(plain.estates.flatMap((e) => e.checks).some((c) => 'missing' in c || 'because' in c)).toBe(false);
  });

  it('does not delete the copy the project uses; deletes it once another preset is chosen', async () => {
    await expect(api['presets:delete']({ id: 'nanhai-copy-1' })).rejects.toMatchObject({ code: 'bad_input', reason: 'preset_in_use', params: { id: 'nanhai-copy-1' } });
    await expect(api['presets:delete']({ id: 'nanhai' })).rejects.toMatchObject({ code: 'bad_input', reason: 'unknown_preset' });
    expect((await api['presets:list']({})).edited.map((p) => p.id)).toEqual(['nanhai-copy-1']);
    await api['settings:set']({ rulesPreset: 'nanhai' });
    expect(await api['presets:delete']({ id: 'nanhai-copy-1' })).toEqual({ id: 'nanhai-copy-1' });
    expect((await api['presets:list']({})).edited).toEqual([]);
    const audit = await api['audit:list']({ limit: 5 });
    expect(audit.find((entry) => entry.action === 'preset:delete')).toMatchObject({ featureId: 'nanhai-copy-1', after: null });
  });

  it('a copy deleted and saved again goes on from the versions its stored reviews used, never reusing one', async () => {
    // The reviews above were stored under nanhai-copy-1 version 3; the copy is deleted now.
    const copy = copyPreset(PRESETS.nanhai, ['nanhai']);
    expect(copy.id).toBe('nanhai-copy-1');
    const saved = await api['presets:save']({ preset: copy as never });
    expect(saved.version).toBe(4);
    expect((await api['presets:save']({ preset: saved as never })).version).toBe(5);
  });
});

describe('preset files on the command line', () => {
  const dir = tempDir();
  const project = join(dir, 'wuhan.gpkg');
  const other = join(dir, 'other.gpkg');

  beforeAll(() => {
    for (const path of [project, other]) expect(runCli(['new', path, '--sample', 'wuhan-core', '--json']).status).toBe(0);
    expect(runCli(['import', project, 'estates', ESTATES_CSV, '--json']).status).toBe(0);
  });

  it('a preset file with a missing number exits 2 naming the file, rule and field, and writes nothing', () => {
    const bad = join(dir, 'missing-old.json');
    const json = JSON.parse(JSON.stringify({ ...PRESETS.nanhai, id: 'nanhai-raised' })) as { rules: Array<Record<string, Record<string, unknown>>> };
    delete json.rules[0].m2Per100Households.old;
    writeFileSync(bad, JSON.stringify(json));
    const bytes = readFileSync(project);
    const reviews = storedReviews(project);
    for (const command of ['review', 'check']) {
      const run = runCli([command, project, '--preset', bad]);
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(bad);
      expect(run.stderr).toContain(`rule ${FLOOR}, field m2Per100Households.old`);
    }
    const asJson = runCli(['review', project, '--preset', bad, '--json']);
    expect(asJson.status).toBe(2);
    expect(asJson.json.error).toMatchObject({ code: 'bad_input', location: { file: bad } });
    // A file that changes a bundled preset under its id is refused too.
    const disguised = join(dir, 'nanhai.json');
    writeFileSync(disguised, JSON.stringify({ ...json, id: 'nanhai', rules: PRESETS.doumen.rules }));
    const refused = runCli(['review', project, '--preset', disguised]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/changes the bundled preset nanhai/);
    expect(storedReviews(project)).toBe(reviews);
    expect(readFileSync(project).equals(bytes)).toBe(true);
  });

  it('reviews with a preset file whose rate is 30: required = households ÷ 100 × 30, stored under the file’s id', () => {
    const raised = editRule(copyPreset(PRESETS.nanhai, ['nanhai']), FLOOR, { field: 'm2Per100Households.new', value: 30 });
    const file = join(dir, 'raised.json');
    writeFileSync(file, JSON.stringify(raised, null, 2));
    const run = runCli(['review', project, '--preset', file, '--json']);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.preset).toEqual({ id: 'nanhai-copy-1', version: 1 });
    for (const estate of estatesOfCsv().filter((e) => e.type === 'new')) {
      const check = run.json.estates.find((e: { id: string }) => e.id === estate.id).checks[0];
      expect(Object.keys(check)).toEqual(['rule', 'verdict', 'required', 'provided', 'unit', 'reason']);
      if (estate.careArea !== null) expect(check.required, estate.id).toBeCloseTo((estate.households / 100) * 30, 9);
    }
  });

  it('counts the facility kinds the preset names: the service circle over health stations only is analyze --kinds health_station', () => {
    expect(runCli(['import', project, 'facilities', FACILITIES_CSV, '--json']).status).toBe(0);
    const circleOf = (preset: string) => {
      const run = runCli(['check', project, '--preset', preset, '--json']);
      expect(run.status, run.stderr).toBe(0);
      return run.json.checks.find((c: { rule: string; scope: string }) => c.rule === 'service_circle_15_minutes' && c.scope === 'district');
    };
    const elderlyShare = (kinds: string) => {
      // The sample has no roads: 15 min at the default 1.0 m/s is a 900 m straight-line circle.
      const run = runCli(['analyze', project, '--kinds', kinds, '--radius-m', '900', '--json']);
      expect(run.status, run.stderr).toBe(0);
      return run.json.elderly.ratio as number;
    };
    const national = circleOf('nanhai');
    expect(national.value).toBeCloseTo(elderlyShare('day_care,community_station,care_home'), 12);
    const file = join(dir, 'stations-only.json');
    writeFileSync(file, JSON.stringify({ ...copyPreset(PRESETS.nanhai, ['nanhai']), kinds: { care: ['health_station'], institution: ['care_home'], healthStation: ['health_station'] } }));
    const stations = circleOf(file);
    expect(stations.value).toBeCloseTo(elderlyShare('health_station'), 12);
    expect(stations.value).not.toBeCloseTo(national.value, 6);
    expect(stations.note).toContain('to an existing health_station');
  });

  it('siting presets lists, exports and imports: the round trip keeps every rule', () => {
    const raised = editRule(copyPreset(PRESETS.chishui, ['chishui']), FLOOR, { field: 'm2Per100Households.old', value: 18 });
    const source = join(dir, 'chishui-edited.json');
    writeFileSync(source, JSON.stringify(raised));
    const imported = runCli(['presets', project, '--import', source, '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json.imported).toEqual({ id: 'chishui-copy-1', version: 1, basedOn: { id: 'chishui', version: 1 } });
    const listed = runCli(['presets', project, '--json']);
    expect(listed.json.rulesPreset).toBe('national');
    expect(listed.json.presets.map((p: { id: string; edited: boolean }) => [p.id, p.edited])).toEqual([...Object.keys(PRESETS).map((id) => [id, false]), ['chishui-copy-1', true]]);

    const exported = join(dir, 'exported.json');
    const run = runCli(['presets', project, '--export', 'chishui-copy-1', '--out', exported, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const file = JSON.parse(readFileSync(exported, 'utf8')) as Preset;
    expect(file).toEqual(raised);
    // Into another project: same id and rules; into the same project again: a copy's own id.
    expect(runCli(['presets', other, '--import', exported, '--json']).json.imported.id).toBe('chishui-copy-1');
    const there = runCli(['presets', other, '--export', 'chishui-copy-1', '--out', join(dir, 'there.json'), '--json']);
    expect(there.status).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'there.json'), 'utf8'))).toEqual(file);
    const again = runCli(['presets', project, '--import', exported, '--json']);
    expect(again.json.imported).toMatchObject({ id: 'chishui-copy-2', basedOn: { id: 'chishui', version: 1 } });

    // A bad file is refused before the project is opened.
    const bytes = readFileSync(other);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...file, id: 'x-copy', rules: [{ ...file.rules[0], binding: 'yes' }] }));
    const refused = runCli(['presets', other, '--import', bad]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${bad}: rule ${FLOOR}, field binding`);
    expect(readFileSync(other).equals(bytes)).toBe(true);
    expect(runCli(['presets', other, '--export', 'nanhai']).status).toBe(2);
  });
});
