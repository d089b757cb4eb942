/**
 * The hosts' `review:run` and `compliance:check` (issue 12) over the real handlers on the Wuhan sample
 * with the illustrative estates and facilities: the same JSON as `siting review --json` and
 * `siting check --json` on the same file (one service function behind both), the reviews stored, the
 * share of new estates compliant counted from the CSV, and an unknown preset or estate refused with
 * its reason and nothing written.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Api } from '../../shared/ipc/contract';



import { SAMPLE_DIR, tempDir } from '../helpers/paths';
import { runCli } from '../helpers/run_cli';
import { hostApi } from '../helpers/host_handlers';

const ESTATES_CSV = join(SAMPLE_DIR, 'illustrative_estates.csv');
const FACILITIES_CSV = join(SAMPLE_DIR, 'illustrative_facilities.csv');

/** The renderer's Api over the host's handlers in this process; a refused call throws its reply. */

function cliJson(args: string[]): unknown {
  const run = runCli([...args, '--json']);
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

function storedReviews(project: string): number {
  const db = new Database(project, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM estate_reviews').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('review:run and compliance:check', () => {
  const project = join(tempDir(), 'review-channels.gpkg');
  let api: Api;

  beforeAll(async () => {
    api = hostApi();
    await api['project:create']({ path: project, sample: 'wuhan-core' });
    await api['layer:import']({ layer: 'facilities', file: { path: FACILITIES_CSV }, options: {} });
    await api['layer:import']({ layer: 'estates', file: { path: ESTATES_CSV }, options: {} });
  }, 120_000);

  it('reviews every estate as siting review does and stores the reviews', async () => {
    const reply = await api['review:run']({ preset: 'nanhai' });
    expect(storedReviews(project)).toBe(8);
    const { newEstates, ...rest } = reply;
    expect(rest).toEqual(cliJson(['review', project, '--preset', 'nanhai']));
    expect(reply.estates).toHaveLength(8);
    // New estates by the CSV's estate_type (its first columns carry no quoted commas).
    const [header, ...rows] = readFileSync(ESTATES_CSV, 'utf8').trim().split('\n').map((line) => line.split(','));
    const newIds = rows.filter((cells) => cells[header.indexOf('estate_type')] === 'new').map((cells) => cells[header.indexOf('id')]);
    const compliant = reply.estates.filter((estate) => newIds.includes(estate.id) && estate.verdict === 'compliant').length;
    expect(newEstates).toEqual({ estates: newIds.length, compliant, share: compliant / newIds.length });
    expect(newIds.length).toBeGreaterThan(0);
  });

  it('uses the project preset when none is named, like the CLI', async () => {
    await api['settings:set']({ rulesPreset: 'chishui' });
    const reply = await api['review:run']({ estates: ['demo-E2'] });
    expect(reply.preset.id).toBe('chishui');
    expect(reply.estates.map((e) => e.id)).toEqual(['demo-E2']);
    const { newEstates: _ignored, ...rest } = reply;
    expect(rest).toEqual(cliJson(['review', project, '--estate', 'demo-E2']));
  });

  it('checks the district as siting check does, per area too', async () => {
    const reply = await api['compliance:check']({ preset: 'doumen' });
    expect(reply).toEqual(cliJson(['check', project, '--preset', 'doumen']));
    expect(reply.checks.some((check) => check.rule === 'beds_per_1000_older' && check.scope === 'district')).toBe(true);
    const byArea = await api['compliance:check']({ preset: 'fuzhou', byArea: 'city' });
    expect(byArea).toEqual(cliJson(['check', project, '--preset', 'fuzhou', '--by-area', 'city']));
  });

  it('refuses an unknown preset or estate with its reason, and writes nothing', async () => {
    const before = storedReviews(project);
    await expect(api['review:run']({ preset: 'atlantis' })).rejects.toMatchObject({ code: 'bad_input', reason: 'unknown_preset', params: { id: 'atlantis' } });
    await expect(api['review:run']({ preset: 'nanhai', estates: ['demo-E1', 'no-such'] })).rejects.toMatchObject({ code: 'bad_input', reason: 'unknown_estate', params: { id: 'no-such' } });
    await expect(api['compliance:check']({ preset: 'atlantis' })).rejects.toMatchObject({ reason: 'unknown_preset' });
    expect(storedReviews(project)).toBe(before);
  });
});
