/**
 * Matrix mode of `siting optimize` (no project): an imported origin–destination cost matrix (long CSV
 * demand,candidate,cost, e.g. from ArcGIS, r5py or spopt) and a demand-weights CSV, so results of
 * other tools can be reproduced. Costs are in the matrix's own unit; `radius` (same unit) is the
 * coverage threshold of max-coverage / min-facilities and, for p-median / p-center, only decides
 * which demand counts as covered in the report.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../../../shared/errors';
import { coverageFromCosts } from '../../../shared/optimize/cost_matrix';
import { parseCostMatrixCsv, parseDemandWeightsCsv, type ImportedCosts, type MatrixCsvColumns, type WeightsCsvColumns } from '../../../shared/optimize/matrix_csv';
import type { OptimizeRequest } from '../../../shared/optimize/optimize';
import { decodeText } from '../import/decode_text';
import type { SitingProblemKind } from '../../../shared/settings/siting_settings';

export interface MatrixOptimizeSettings {
  problem: SitingProblemKind;
  matrixPath: string;
  /** Weights file; without it every demand point weighs 1. */
  demandPath?: string;
  matrixColumns?: MatrixCsvColumns;
  demandColumns?: WeightsCsvColumns;
  /** Coverage threshold in the matrix's cost unit. */
  radius?: number;
  k?: number;
  targetShare?: number;
  encoding?: string;
}

export interface MatrixProblem {
  request: OptimizeRequest;
  imported: ImportedCosts;
  notes: string[];
}

/**
 * @example buildMatrixProblem({ problem: 'p-median', matrixPath: 'od.csv', demandPath: 'demand.csv', k: 4 }).request
 */
export function buildMatrixProblem(settings: MatrixOptimizeSettings): MatrixProblem {
  const notes: string[] = [];
  const demand = settings.demandPath
    ? parseDemandWeightsCsv(readText(settings.demandPath, 'demand', settings.encoding), {
        file: basename(settings.demandPath),
        columns: settings.demandColumns,
      })
    : undefined;
  if (!demand) notes.push('no --demand file: every demand point of the matrix weighs 1');
  const imported = parseCostMatrixCsv(readText(settings.matrixPath, 'matrix', settings.encoding), {
    file: basename(settings.matrixPath),
    columns: settings.matrixColumns,
    demand,
  });
  if (imported.demandIds.length === 0 || imported.candidateIds.length === 0) {
    throw new InputError('the matrix has no rows', { file: basename(settings.matrixPath), field: 'matrix' });
  }
  if (imported.unreachableRows > 0) notes.push(`${imported.unreachableRows} matrix rows have no cost (unreachable pairs)`);
  const base = { candidateIds: imported.candidateIds, demandIds: imported.demandIds, weights: imported.weights };
  const coverageProblem = settings.problem === 'max-coverage' || settings.problem === 'min-facilities';
  if (coverageProblem && settings.radius === undefined) {
    throw new InputError(`--problem ${settings.problem} needs --radius (the coverage threshold in the matrix's cost unit)`, { field: 'radius' });
  }
  const k = settings.k ?? 0;
  let request: OptimizeRequest;
  if (settings.problem === 'max-coverage') {
    request = { problem: 'max-coverage', ...base, coverage: coverageFromCosts(imported.matrix, settings.radius!), k, costs: imported.matrix };
  } else if (settings.problem === 'min-facilities') {
    request = {
      problem: 'min-facilities',
      ...base,
      coverage: coverageFromCosts(imported.matrix, settings.radius!),
      targetShare: settings.targetShare,
      costs: imported.matrix,
    };
  } else {
    request = { problem: settings.problem, ...base, costs: imported.matrix, k, coverCost: settings.radius };
  }
  return { request, imported, notes };
}

function readText(path: string, flag: string, encoding?: string): string {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(`cannot read --${flag} file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      file: basename(path),
      field: flag,
    });
  }
  return decodeText(bytes, basename(path), encoding).text;
}
