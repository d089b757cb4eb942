/**
 * `siting review <project.gpkg> [--preset ID] [--estate ID ...] [--out results.csv|results.xlsx|sheet.pdf|sheet.svg] [--lang zh|en] [--json]`: the
 * estate review (issue 12) of every estate of the project, or of the ones named, against the
 * project's rules preset or the one named (an id, or a preset file: command_presets.ts). The reviews are stored in the project (estate_reviews, one
 * transaction) and, with --out, written as CSV, or as an Excel workbook when the name ends in .xlsx
 * (the same table: estate_review_table.ts), or as review sheets (审查意见表) when it ends in .pdf (one
 * or more A4 pages per estate, in --lang, default zh) or .svg (one file per page); --json then adds
 * `out`, the files written. Health-station distances go along the walking network
 * when the project has roads, else in a straight line (the check's `method`). An unknown preset or estate, or an estate whose stored
 * values are not valid, is refused (exit 2) before anything is written.
 */
import { resolve } from 'node:path';
import { InputError } from '../../shared/errors';
import { PRINT_LANGUAGES, type PrintLanguage } from '../../shared/print/print_words';
import type { EstateCheck } from '../../shared/usecases/review_estate';
import { estateReviewTable } from '../services/export/estate_review_table';
import { reviewTableToCsv } from '../services/export/estate_reviews_to_csv';
import { reviewTableToXlsx } from '../services/export/estate_reviews_to_xlsx';
import { writeFileAtomically } from '../services/export/write_file_atomically';
import { writeReviewSheets, sheetFormatFromPath } from '../services/print/review_sheet_export';
import { reviewProject } from '../services/rules/review_project';
import { reviewSheetsOfResult } from '../services/rules/review_sheet';
import { reviewFormatFromPath } from '../services/rules/stored_reviews';
import { requirePositional } from './cli_args';
import { presetFlag } from './command_presets';
import type { CliValues, CommandOutput } from './main';
import { withProject } from './open_project';

const USAGE = 'siting review <project.gpkg> [--preset ID|FILE.json] [--estate ID ...] [--out results.csv|results.xlsx|sheet.pdf|sheet.svg] [--lang zh|en] [--json]';

const VERDICT_WORDS = { compliant: 'compliant (符合)', non_compliant: 'non-compliant (不符合)', incomplete: 'incomplete (需补充材料)' } as const;

function round(value: number | null): string {
  return value === null ? '—' : String(Math.round(value * 100) / 100);
}

function checkLine(check: EstateCheck): string {
  const unit = check.unit === 'm2' ? ' m²' : check.unit === 'm' ? ' m' : check.unit === 'floor' ? ' (floor)' : '';
  const numbers = check.required !== null || check.provided !== null ? ` required ${round(check.required)}${unit}, provided ${round(check.provided)}${unit}` : '';
  const short = check.shortfall !== null ? `, short by ${round(check.shortfall)}${unit}` : '';
  const method = check.method ? ` [${check.method.replace('_', ' ')}]` : '';
  const reason = check.reason ? ` (${check.verdict === 'not_checkable' ? 'missing ' : ''}${check.reason})` : '';
  return `    ${check.rule}: ${check.verdict}${numbers}${short}${method}${reason}`;
}

export async function runReview(positionals: string[], values: CliValues): Promise<CommandOutput> {
  const project = requirePositional(positionals, 0, 'project.gpkg', USAGE);
  if (positionals.length > 1) throw new InputError(`unexpected argument "${positionals[1]}"; usage: ${USAGE}`);
  const out = values.out;
  const sheetFormat = out === undefined ? null : sheetFormatFromPath(out);
  const format = out === undefined || sheetFormat !== null ? null : (reviewFormatFromPath(out) ?? 'csv');
  if (values.lang !== undefined && sheetFormat === null) {
    throw new InputError('--lang is the language of review sheets: use it with --out sheet.pdf or sheet.svg', { field: 'lang' });
  }
  if (values.lang !== undefined && !(PRINT_LANGUAGES as readonly string[]).includes(values.lang)) {
    throw new InputError(`--lang must be one of ${PRINT_LANGUAGES.join(', ')}, got "${values.lang}"`, { field: 'lang' });
  }
  const language = (values.lang ?? 'zh') as PrintLanguage;
  // A preset file is read and checked before the project is opened: a bad one writes nothing.
  const presetChoice = presetFlag(values.preset);
  return withProject(project, async (store) => {
    if (out !== undefined && resolve(out) === resolve(store.path)) {
      throw new InputError('--out would overwrite the open project file; choose another file name', { file: out, field: 'out' }, { reason: 'export_overwrites_project' });
    }
    if (sheetFormat !== null && store.countOf('estates') === 0) {
      throw new InputError('the project has no estates: there is no review sheet to write; import an estates layer first', { field: 'out' }, { reason: 'review_sheet_no_estates' });
    }
    const { preset, result, json } = reviewProject(store, { preset: presetChoice, estates: values.estate });
    let sheets: { out: string[]; pages: number } | null = null;
    if (out !== undefined && sheetFormat !== null) {
      sheets = await writeReviewSheets(reviewSheetsOfResult(store, preset, result), { out, language, projectPath: store.path });
    } else if (out !== undefined) {
      const table = estateReviewTable(result.estates);
      writeFileAtomically(out, format === 'xlsx' ? await reviewTableToXlsx(table) : reviewTableToCsv(table), store.path);
    }
    const { estates: count, compliant, nonCompliant, incomplete } = result.summary;
    const lines = [
      `preset ${preset.id} (version ${preset.version}): ${count} estates reviewed, ${compliant} compliant, ${nonCompliant} non-compliant, ${incomplete} incomplete`,
      ...(result.summary.newEstates > 0 ? [`new estates: ${result.summary.newCompliant} of ${result.summary.newEstates} compliant`] : []),
      ...result.estates.flatMap((review) => [`  ${review.id} ${review.name ?? ''}: ${VERDICT_WORDS[review.verdict]}`, ...review.checks.map(checkLine)]),
      ...(sheets !== null ? [`review sheets written to ${sheets.out.join(', ')} (${sheets.pages} A4 page${sheets.pages === 1 ? '' : 's'})`] : out !== undefined ? [`results written to ${out}`] : []),
    ];
    return { json: sheets !== null ? { ...json, out: sheets.out } : json, text: lines.join('\n') };
  });
}

