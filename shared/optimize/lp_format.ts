/**
 * Writes a MipModel as CPLEX LP text, so a planner can reproduce a solve in another solver (HiGHS
 * command line, CBC, GLPK, Gurobi, CPLEX) or attach the exact model to a report.
 */
import type { MipModel } from './mip_model';

const TERMS_PER_LINE = 8;

/**
 * CPLEX LP text of the model (objective, constraints c0.., bounds, binaries/generals).
 * @example
 *   const b = new MipModelBuilder('max'); b.addColumn('x0', 3, 0, 1, true);
 *   modelToLpText(b.build()) // 'Maximize\n obj: 3 x0\nSubject To\n...'
 */
export function modelToLpText(model: MipModel, relax = false): string {
  const names = model.colNames;
  const out: string[] = [];
  out.push(model.sense === 'max' ? 'Maximize' : 'Minimize');
  const objTerms: string[] = [];
  for (let j = 0; j < model.columnCount; j++) {
    if (model.colCost[j] !== 0) objTerms.push(term(model.colCost[j], names[j], objTerms.length === 0));
  }
  if (model.offset !== 0) objTerms.push(constantTerm(model.offset, objTerms.length === 0));
  if (objTerms.length === 0) objTerms.push('0 ' + (names[0] ?? 'x0'));
  out.push(...wrap(' obj:', objTerms));
  out.push('Subject To');
  for (let r = 0; r < model.rowCount; r++) {
    const terms: string[] = [];
    for (let p = model.rowStart[r]; p < model.rowStart[r + 1]; p++) {
      terms.push(term(model.rowValue[p], names[model.rowIndex[p]], terms.length === 0));
    }
    if (terms.length === 0) continue;
    const lo = model.rowLower[r];
    const hi = model.rowUpper[r];
    const rhs = lo === hi ? `= ${num(lo)}` : hi !== Infinity ? `<= ${num(hi)}` : `>= ${num(lo)}`;
    const lines = wrap(` c${r}:`, terms);
    lines[lines.length - 1] += ` ${rhs}`;
    out.push(...lines);
  }
  out.push('Bounds');
  const integers: string[] = [];
  for (let j = 0; j < model.columnCount; j++) {
    const lo = model.colLower[j];
    const hi = model.colUpper[j];
    const name = names[j];
    if (lo === -Infinity && hi === Infinity) out.push(` ${name} free`);
    else if (hi === Infinity) out.push(` ${name} >= ${num(lo)}`);
    else if (lo === -Infinity) out.push(` -inf <= ${name} <= ${num(hi)}`);
    else out.push(` ${num(lo)} <= ${name} <= ${num(hi)}`);
    if (!relax && model.integer[j]) integers.push(name);
  }
  if (integers.length > 0) {
    out.push('Generals');
    for (let k = 0; k < integers.length; k += TERMS_PER_LINE) out.push(' ' + integers.slice(k, k + TERMS_PER_LINE).join(' '));
  }
  out.push('End');
  return out.join('\n') + '\n';
}

function term(coefficient: number, name: string, first: boolean): string {
  const sign = coefficient < 0 ? '-' : first ? '' : '+';
  const magnitude = Math.abs(coefficient);
  const body = magnitude === 1 ? name : `${num(magnitude)} ${name}`;
  return sign ? `${sign} ${body}` : body;
}

function constantTerm(value: number, first: boolean): string {
  const sign = value < 0 ? '-' : first ? '' : '+';
  return sign ? `${sign} ${num(Math.abs(value))}` : num(value);
}

/** Shortest exact decimal form (JavaScript's round-trip formatting). */
function num(value: number): string {
  return String(value);
}

function wrap(head: string, terms: string[]): string[] {
  const lines: string[] = [];
  for (let k = 0; k < terms.length; k += TERMS_PER_LINE) {
    const chunk = terms.slice(k, k + TERMS_PER_LINE).join(' ');
    lines.push(k === 0 ? `${head} ${chunk}` : `   ${chunk}`);
  }
  return lines;
}
