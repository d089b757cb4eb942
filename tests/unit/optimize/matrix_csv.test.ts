/**
 * Imported cost matrices (long CSV demand_id,candidate_id,cost + weights CSV id,weight): parsing,
 * unreachable pairs, and InputError locations (file, row, field) for every kind of bad input.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError, isInputError, type InputErrorLocation } from '../../../shared/errors';
import { pairCost } from '../../../shared/optimize/cost_matrix';
import { parseCostMatrixCsv, parseDemandWeightsCsv } from '../../../shared/optimize/matrix_csv';
import { solvePMedian } from '../../../shared/optimize/p_median';
import { loadSanFrancisco, SF_DIR } from './fixtures';

function failure(run: () => unknown): { message: string; location: InputErrorLocation } {
  try {
    run();
  } catch (error) {
    if (isInputError(error)) return { message: error.message, location: error.location };
    throw error;
  }
  throw new Error('expected an InputError');
}

const weightsText = 'id,weight\nA,10\nB,5\nC,0\n';

describe('parseDemandWeightsCsv', () => {
  it('reads ids and weights in file order (BOM, CRLF, quotes, semicolons)', () => {
    const w = parseDemandWeightsCsv('\ufeff"id";"weight"\r\n"A";12\r\n"B;x";0.5\r\n', { file: 'w.csv' });
    expect(w.ids).toEqual(['A', 'B;x']);
    expect(Array.from(w.weights)).toEqual([12, 0.5]);
  });

  it('names file, row and field on bad weights', () => {
    expect(failure(() => parseDemandWeightsCsv('id,weight\nA,10\nB,-1\n', { file: 'w.csv' })).location).toEqual({
      file: 'w.csv',
      row: 2,
      field: 'weight',
    });
    expect(failure(() => parseDemandWeightsCsv('id,weight\nA,ten\n', { file: 'w.csv' })).message).toBe(
      'w.csv, row 1, field weight: weight must be a number ≥ 0, got "ten"',
    );
    expect(failure(() => parseDemandWeightsCsv('id,weight\nA,1\n\nA,2\n', { file: 'w.csv' })).location).toEqual({
      file: 'w.csv',
      row: 3,
      field: 'id',
    });
    expect(failure(() => parseDemandWeightsCsv('id,pop\nA,1\n', { file: 'w.csv' })).message).toMatch(
      /w.csv, row 0, field weight: column "weight" not found; columns are: id, pop/,
    );
    expect(failure(() => parseDemandWeightsCsv('', { file: 'w.csv' })).message).toMatch(/empty/);
  });
});

describe('parseCostMatrixCsv', () => {
  it('builds the matrix in weights order; empty / NaN / inf costs are unreachable', () => {
    const demand = parseDemandWeightsCsv(weightsText, { file: 'w.csv' });
    const m = parseCostMatrixCsv('demand_id,candidate_id,cost\nB,s2,700\nA,s1,300\nA,s2,\nB,s1,NaN\nC,s1,inf\nA,s3,1e3\n', {
      file: 'm.csv',
      demand,
    });
    expect(m.demandIds).toEqual(['A', 'B', 'C']);
    expect(m.candidateIds).toEqual(['s2', 's1', 's3']);
    expect(m.unreachableRows).toBe(3);
    expect(Array.from(m.weights)).toEqual([10, 5, 0]);
    const s1 = m.candidateIds.indexOf('s1');
    const s2 = m.candidateIds.indexOf('s2');
    const s3 = m.candidateIds.indexOf('s3');
    expect(pairCost(m.matrix, 0, s1)).toBe(300);
    expect(pairCost(m.matrix, 0, s2)).toBe(Infinity);
    expect(pairCost(m.matrix, 0, s3)).toBe(1000);
    expect(pairCost(m.matrix, 1, s2)).toBe(700);
    expect(pairCost(m.matrix, 2, s1)).toBe(Infinity);
    // Row of A sorted by cost.
    expect(Array.from(m.matrix.rowCost.subarray(m.matrix.rowStart[0], m.matrix.rowStart[1]))).toEqual([300, 1000]);
  });

  it('honours a given candidate order and weight 1 without a weights file', () => {
    const m = parseCostMatrixCsv('o,d,t\nx,b,1\ny,a,2\n', {
      file: 'od.csv',
      columns: { demand: 'O', candidate: 'D', cost: 'T' },
      candidateIds: ['a', 'b', 'c'],
    });
    expect(m.candidateIds).toEqual(['a', 'b', 'c']);
    expect(m.demandIds).toEqual(['x', 'y']);
    expect(Array.from(m.weights)).toEqual([1, 1]);
    expect(pairCost(m.matrix, 0, 1)).toBe(1);
  });

  it('names file, row and field on bad matrix rows', () => {
    const demand = parseDemandWeightsCsv(weightsText, { file: 'w.csv' });
    const parse = (text: string, candidateIds?: string[]) => () =>
      parseCostMatrixCsv(text, { file: 'm.csv', demand, candidateIds });
    expect(failure(parse('demand_id,candidate_id,cost\nA,s1,12\nA,s1,-3\n')).location).toEqual({ file: 'm.csv', row: 2, field: 'cost' });
    expect(failure(parse('demand_id,candidate_id,cost\nA,s1,abc\n')).message).toBe(
      'm.csv, row 1, field cost: cost must be a number ≥ 0 (or empty for unreachable), got "abc"',
    );
    expect(failure(parse('demand_id,candidate_id,cost\nA,s1,1\nZ,s1,2\n')).message).toBe(
      'm.csv, row 2, field demand_id: demand id "Z" is not in the weights file',
    );
    expect(failure(parse('demand_id,candidate_id,cost\nA,s1,1\nB,s1,2\nA,s1,3\n')).message).toBe(
      'm.csv, row 3, field candidate_id: pair (A, s1) is given twice (first at row 1)',
    );
    expect(failure(parse('demand_id,candidate_id,cost\nA,s9,1\n', ['s1'])).location).toEqual({
      file: 'm.csv',
      row: 1,
      field: 'candidate_id',
    });
    expect(failure(parse('demand_id,candidate_id,cost\nA,s1\n')).location).toEqual({ file: 'm.csv', row: 1, field: 'cost' });
    expect(failure(parse('demand_id,candidate_id,cost\n,s1,4\n')).location).toEqual({ file: 'm.csv', row: 1, field: 'demand_id' });
    expect(failure(parse('demand_id,candidate_id,cost\n"A,s1,4\n')).location).toEqual({ file: 'm.csv', row: 1 });
    expect(failure(parse('from,to,cost\nA,s1,4\n')).location).toEqual({ file: 'm.csv', row: 0, field: 'demand_id' });
  });

  it('reproduces spopt from its own long-format file (row count, ids, a known distance)', () => {
    const sf = loadSanFrancisco();
    const raw = readFileSync(path.join(SF_DIR, 'SF_network_distance_candidateStore_16_censusTract_205_new.csv'), 'utf8');
    const first = raw.split(/\r?\n/)[1].split(',');
    const i = sf.demandIds.indexOf(first[2]);
    const j = sf.candidateIds.indexOf(first[1]);
    expect(pairCost(sf.matrix, i, j)).toBe(Number(first[0]));
  });
});

describe('unreachable demand in p-median', () => {
  it('is refused with the demand id when nothing reaches it', async () => {
    const demand = parseDemandWeightsCsv(weightsText, { file: 'w.csv' });
    const m = parseCostMatrixCsv('demand_id,candidate_id,cost\nA,s1,300\nA,s2,100\nC,s1,50\n', { file: 'm.csv', demand });
    const error = await solvePMedian({ costs: m.matrix, k: 1, weights: m.weights, candidateIds: m.candidateIds, demandIds: m.demandIds }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect(String((error as Error).message)).toMatch(/1 demand points with weight > 0 are reached by no eligible candidate.*\(B\)/);
  });

  it('weight-0 demand that nothing reaches is fine; k too small to reach all is refused', async () => {
    const demand = parseDemandWeightsCsv('id,weight\nA,10\nB,5\n', { file: 'w.csv' });
    const m = parseCostMatrixCsv('demand_id,candidate_id,cost\nA,s1,300\nB,s2,100\n', { file: 'm.csv', demand });
    const two = await solvePMedian({ costs: m.matrix, k: 2, weights: m.weights, candidateIds: m.candidateIds });
    expect(two.objective).toBe(10 * 300 + 5 * 100);
    await expect(solvePMedian({ costs: m.matrix, k: 1, weights: m.weights, candidateIds: m.candidateIds })).rejects.toThrow(
      /k = 1 new sites/,
    );
  });
});
