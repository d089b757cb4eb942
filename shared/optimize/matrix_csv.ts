/**
 * Imported cost matrices, so that results of other tools (an ArcGIS OD cost matrix, r5py, spopt) can
 * be reproduced: a long CSV `demand_id,candidate_id,cost` plus a weights CSV `id,weight`. Both are
 * given as decoded text (the host reads the files). Column names are configurable and matched
 * case-insensitively; ids are trimmed. A pair missing from the matrix, or with an empty / NaN / inf cost, is
 * unreachable. Bad input throws InputError naming the file, the row (header = row 0) and the field.
 */
import { InputError } from '../errors';
import { costMatrixFromPairs } from './cost_matrix';
import { columnIndex, forEachCsvRecord } from './csv_records';
import type { CostMatrix } from './types';

export interface MatrixCsvColumns {
  /** Default "demand_id". */
  demand?: string;
  /** Default "candidate_id". */
  candidate?: string;
  /** Default "cost". */
  cost?: string;
}

export interface WeightsCsvColumns {
  /** Default "id". */
  id?: string;
  /** Default "weight". */
  weight?: string;
}

export interface DemandWeights {
  ids: string[];
  weights: Float64Array;
}

export interface ImportedCosts {
  demandIds: string[];
  candidateIds: string[];
  weights: Float64Array;
  matrix: CostMatrix;
  /** Matrix rows whose cost was empty / NaN / inf (kept as unreachable). */
  unreachableRows: number;
}

const UNREACHABLE = new Set(['', 'nan', 'inf', '+inf', 'infinity', '+infinity', 'null', 'na', 'none']);

/**
 * Parses a weights CSV (one row per demand point).
 * @example parseDemandWeightsCsv('id,weight\nA,12\nB,0\n', { file: 'w.csv' }).weights // Float64Array [12, 0]
 */
export function parseDemandWeightsCsv(text: string, options: { file: string; columns?: WeightsCsvColumns }): DemandWeights {
  const { file } = options;
  const idName = options.columns?.id ?? 'id';
  const weightName = options.columns?.weight ?? 'weight';
  let idCol = -1;
  let weightCol = -1;
  const ids: string[] = [];
  const values: number[] = [];
  const firstRow = new Map<string, number>();
  forEachCsvRecord(
    text,
    file,
    (header) => {
      idCol = columnIndex(header, idName, file);
      weightCol = columnIndex(header, weightName, file);
    },
    (fields, row) => {
      const id = field(fields, idCol, file, row, idName).trim();
      if (id === '') throw new InputError('demand id is empty', { file, row, field: idName });
      const before = firstRow.get(id);
      if (before !== undefined) {
        throw new InputError(`demand id "${id}" is listed twice (first at row ${before})`, { file, row, field: idName });
      }
      firstRow.set(id, row);
      const raw = field(fields, weightCol, file, row, weightName).trim();
      const w = raw === '' ? NaN : Number(raw);
      if (!Number.isFinite(w) || w < 0) {
        throw new InputError(`weight must be a number ≥ 0, got "${raw}"`, { file, row, field: weightName });
      }
      ids.push(id);
      values.push(w);
    },
  );
  return { ids, weights: Float64Array.from(values) };
}

/**
 * Parses a long cost-matrix CSV. Demand order is `demand.ids` when weights are given (then every
 * demand id in the matrix must be among them), else the order of first appearance; candidate order
 * is `candidateIds` when given (ids outside it are an error), else first appearance. Demand points
 * with weights but no matrix rows are unreachable from every candidate.
 * @example
 *   const weights = parseDemandWeightsCsv('id,weight\nA,10\nB,5\n', { file: 'w.csv' });
 *   const costs = parseCostMatrixCsv('demand_id,candidate_id,cost\nA,s1,300\nB,s1,900\n', { file: 'm.csv', demand: weights });
 *   costs.matrix.rowCost // Float64Array [300, 900]
 */
export function parseCostMatrixCsv(
  text: string,
  options: { file: string; columns?: MatrixCsvColumns; demand?: DemandWeights; candidateIds?: readonly string[] },
): ImportedCosts {
  const { file } = options;
  const names = {
    demand: options.columns?.demand ?? 'demand_id',
    candidate: options.columns?.candidate ?? 'candidate_id',
    cost: options.columns?.cost ?? 'cost',
  };
  const demandIndex = new Map<string, number>();
  const demandIds: string[] = [];
  if (options.demand) options.demand.ids.forEach((id, i) => demandIndex.set(id, i));
  const candidateIndex = new Map<string, number>();
  const candidateIds: string[] = [];
  if (options.candidateIds) {
    options.candidateIds.forEach((id, j) => {
      if (candidateIndex.has(id)) throw new InputError(`candidate id "${id}" is listed twice`, { field: 'candidateIds' });
      candidateIndex.set(id, j);
      candidateIds.push(id);
    });
  }
  const fixedCandidates = options.candidateIds !== undefined;
  let cols = { demand: -1, candidate: -1, cost: -1 };
  let demand = new Int32Array(1024);
  let candidate = new Int32Array(1024);
  let cost = new Float64Array(1024);
  let rows = new Int32Array(1024);
  let n = 0;
  let unreachableRows = 0;
  forEachCsvRecord(
    text,
    file,
    (header) => {
      cols = {
        demand: columnIndex(header, names.demand, file),
        candidate: columnIndex(header, names.candidate, file),
        cost: columnIndex(header, names.cost, file),
      };
    },
    (fields, row) => {
      const d = field(fields, cols.demand, file, row, names.demand).trim();
      const c = field(fields, cols.candidate, file, row, names.candidate).trim();
      const raw = field(fields, cols.cost, file, row, names.cost).trim();
      if (d === '') throw new InputError('demand id is empty', { file, row, field: names.demand });
      if (c === '') throw new InputError('candidate id is empty', { file, row, field: names.candidate });
      let i = demandIndex.get(d);
      if (i === undefined) {
        if (options.demand) {
          throw new InputError(`demand id "${d}" is not in the weights file`, { file, row, field: names.demand });
        }
        i = demandIds.length;
        demandIndex.set(d, i);
        demandIds.push(d);
      }
      let j = candidateIndex.get(c);
      if (j === undefined) {
        if (fixedCandidates) {
          throw new InputError(`candidate id "${c}" is not among the candidates`, { file, row, field: names.candidate });
        }
        j = candidateIds.length;
        candidateIndex.set(c, j);
        candidateIds.push(c);
      }
      if (UNREACHABLE.has(raw.toLowerCase())) {
        unreachableRows++;
        return;
      }
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) {
        throw new InputError(`cost must be a number ≥ 0 (or empty for unreachable), got "${raw}"`, {
          file,
          row,
          field: names.cost,
        });
      }
      if (n === demand.length) {
        demand = grow(demand);
        candidate = grow(candidate);
        rows = grow(rows);
        const bigger = new Float64Array(cost.length * 2);
        bigger.set(cost);
        cost = bigger;
      }
      demand[n] = i;
      candidate[n] = j;
      cost[n] = value;
      rows[n] = row;
      n++;
    },
  );
  const finalDemandIds = options.demand ? options.demand.ids.slice() : demandIds;
  const weights = options.demand ? options.demand.weights.slice() : new Float64Array(finalDemandIds.length).fill(1);
  const matrix = costMatrixFromPairs(
    finalDemandIds.length,
    candidateIds.length,
    demand.subarray(0, n),
    candidate.subarray(0, n),
    cost.subarray(0, n),
    (first, second) => {
      throw new InputError(
        `pair (${finalDemandIds[demand[second]]}, ${candidateIds[candidate[second]]}) is given twice (first at row ${rows[first]})`,
        { file, row: rows[second], field: names.candidate },
      );
    },
  );
  return { demandIds: finalDemandIds, candidateIds, weights, matrix, unreachableRows };
}

function field(fields: string[], index: number, file: string, row: number, name: string): string {
  if (index >= fields.length) {
    throw new InputError(`the row has ${fields.length} fields, column "${name}" is missing`, { file, row, field: name });
  }
  return fields[index];
}

function grow(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
