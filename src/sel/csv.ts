/**
 * The dataset file: a 38-column CSV (RFC 4180 quoting), header = `CSV_COLUMNS`
 * (5 metadata, 29 features, 4 labels). Numbers are written with JavaScript's shortest
 * round-trip form, so reading a written file gives back the same doubles. The reader
 * checks the schema (header, enums, finite numbers inside each feature's range, labels in
 * [0, 1]) and reports every bad line instead of guessing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Labels } from './label.ts';
import {
  CSV_COLUMNS, FEATURE_TABLE, FEATURES, isGrade, isLevel, isSelSkill, labelColumn, SEL_SKILLS,
  type FeatureVector, type Grade, type Level, type SelSkill,
} from './skills.ts';

export interface SelRow {
  sampleId: string;
  skill: SelSkill;
  level: Level;
  grade: Grade;
  utterance: string;
  features: FeatureVector;
  labels: Labels;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export function toCsv(rows: readonly SelRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const cells = [r.sampleId, r.skill, r.level, String(r.grade), r.utterance]
      .map(quote)
      .concat(FEATURES.map((f) => String(r.features[f])), SEL_SKILLS.map((s) => String(r.labels[s])));
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and newlines. */
export function parseRecords(text: string): string[][] {
  return parseRecordLines(text).map((r) => r.fields);
}

/** The records with the file line each starts on, which is not its index once a quoted field holds a newline. */
function parseRecordLines(text: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') inQuotes = false;
      else field += c;
    } else if (c === '"' && field === '') inQuotes = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') {
        i++;
        line++;
      }
      record.push(field);
      records.push({ fields: record, line: start });
      record = [];
      field = '';
      start = line;
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push({ fields: record, line: start });
  }
  return records;
}

export interface CsvReadResult {
  rows: SelRow[];
  /** One entry per rejected line: `line N: reason`. */
  errors: string[];
  /** The same, as the file line and the reason. */
  bad: { line: number; reason: string }[];
}

/**
 * A cell as an error message quotes it. A value in a wrong column — a shifted row, a stray
 * quote — can be a student's utterance, which does not belong in a terminal or a log: a long
 * one is given by its length only. Enum values and numbers are short and shown as they are.
 */
const MAX_QUOTED = 24;
function shown(cell: string, quote = true): string {
  if (cell.length > MAX_QUOTED) return `(a ${cell.length}-character value)`;
  return quote ? JSON.stringify(cell) : cell;
}

/** Header names in a message, a few of them: a file without its header has a data row there. */
function listed(names: readonly string[], max = 6): string {
  const more = names.length - max;
  return `[${names.slice(0, max).join(', ')}${more > 0 ? `, and ${more} more` : ''}]`;
}

/** Problems per line in a message: a row shifted by a column breaks every field after it. */
const MAX_PROBLEMS = 3;

function parseNumber(s: string): number {
  return s.trim() === '' ? NaN : Number(s);
}

export function parseCsv(text: string): CsvReadResult {
  const records = parseRecordLines(text);
  const bad: CsvReadResult['bad'] = [];
  const result = (rows: SelRow[]): CsvReadResult => ({ rows, bad, errors: bad.map((b) => `line ${b.line}: ${b.reason}`) });
  const header = records[0]?.fields ?? [];
  if (header.join(',') !== CSV_COLUMNS.join(',')) {
    const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
    const extra = header.filter((c) => !CSV_COLUMNS.includes(c)).map((c) => shown(c, false));
    bad.push({ line: 1, reason: `header: expected the ${CSV_COLUMNS.length} SEL columns in order; missing ${listed(missing)}, unexpected ${listed(extra)}` });
    return result([]);
  }
  const rows: SelRow[] = [];
  for (let li = 1; li < records.length; li++) {
    const { fields: rec, line } = records[li];
    if (rec.length === 1 && rec[0] === '') continue;
    if (rec.length !== CSV_COLUMNS.length) {
      bad.push({ line, reason: `${rec.length} fields, expected ${CSV_COLUMNS.length}` });
      continue;
    }
    const [sampleId, skill, level, gradeText, utterance] = rec;
    const grade = Number(gradeText);
    const problems: string[] = [];
    if (sampleId === '') problems.push('empty sample_id');
    if (!isSelSkill(skill)) problems.push(`unknown skill ${shown(skill)}`);
    if (!isLevel(level)) problems.push(`unknown level ${shown(level)}`);
    if (!isGrade(grade)) problems.push(`grade ${shown(gradeText)} not in 6–12`);
    const features = {} as FeatureVector;
    FEATURES.forEach((f, k) => {
      const v = parseNumber(rec[5 + k]);
      const [lo, hi] = FEATURE_TABLE[f].range;
      if (!Number.isFinite(v)) problems.push(`${f} is not a finite number (${shown(rec[5 + k])})`);
      else if (v < lo || v > hi) problems.push(`${f}=${v} outside [${lo}, ${hi}]`);
      features[f] = v;
    });
    const labels = {} as Labels;
    SEL_SKILLS.forEach((s, k) => {
      const v = parseNumber(rec[5 + FEATURES.length + k]);
      if (!Number.isFinite(v) || v < 0 || v > 1) problems.push(`${labelColumn(s)}=${Number.isFinite(v) ? v : shown(rec[5 + FEATURES.length + k])} not in [0, 1]`);
      labels[s] = v;
    });
    const more = problems.length - MAX_PROBLEMS;
    if (problems.length > 0) bad.push({ line, reason: `${problems.slice(0, MAX_PROBLEMS).join('; ')}${more > 0 ? `; and ${more} more` : ''}` });
    else rows.push({ sampleId, skill: skill as SelSkill, level: level as Level, grade: grade as Grade, utterance, features, labels });
  }
  return result(rows);
}

/** A dataset file with bad lines: the message names the first as `file:line: reason`, the way an editor jumps to it. */
export class CsvSchemaError extends Error {
  override name = 'CsvSchemaError';
  readonly errors: string[];
  constructor(readonly file: string, bad: CsvReadResult['bad']) {
    const more = bad.length - 1;
    super(`${file}:${bad[0].line}: ${bad[0].reason}${more > 0 ? ` (and ${more} more bad line${more === 1 ? '' : 's'})` : ''}`);
    this.errors = bad.map((b) => `line ${b.line}: ${b.reason}`);
  }
}

/** Reads a dataset file; any schema error throws `CsvSchemaError` listing them all. */
export function readCsv(file: string): SelRow[] {
  const { rows, bad } = parseCsv(readFileSync(file, 'utf8'));
  if (bad.length > 0) throw new CsvSchemaError(file, bad);
  return rows;
}

export function writeCsv(file: string, rows: readonly SelRow[]): void {
  writeFileSync(file, toCsv(rows));
}
