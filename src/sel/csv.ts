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
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
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
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}

export interface CsvReadResult {
  rows: SelRow[];
  /** One entry per rejected line: `line N: reason`. */
  errors: string[];
}

function parseNumber(s: string): number {
  return s.trim() === '' ? NaN : Number(s);
}

export function parseCsv(text: string): CsvReadResult {
  const records = parseRecords(text);
  const errors: string[] = [];
  const header = records[0] ?? [];
  if (header.join(',') !== CSV_COLUMNS.join(',')) {
    const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
    const extra = header.filter((c) => !CSV_COLUMNS.includes(c));
    return { rows: [], errors: [`header: expected the ${CSV_COLUMNS.length} SEL columns in order; missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`] };
  }
  const rows: SelRow[] = [];
  for (let li = 1; li < records.length; li++) {
    const rec = records[li];
    if (rec.length === 1 && rec[0] === '') continue;
    const line = `line ${li + 1}`;
    if (rec.length !== CSV_COLUMNS.length) {
      errors.push(`${line}: ${rec.length} fields, expected ${CSV_COLUMNS.length}`);
      continue;
    }
    const [sampleId, skill, level, gradeText, utterance] = rec;
    const grade = Number(gradeText);
    const problems: string[] = [];
    if (sampleId === '') problems.push('empty sample_id');
    if (!isSelSkill(skill)) problems.push(`unknown skill ${JSON.stringify(skill)}`);
    if (!isLevel(level)) problems.push(`unknown level ${JSON.stringify(level)}`);
    if (!isGrade(grade)) problems.push(`grade ${JSON.stringify(gradeText)} not in 6–12`);
    const features = {} as FeatureVector;
    FEATURES.forEach((f, k) => {
      const v = parseNumber(rec[5 + k]);
      const [lo, hi] = FEATURE_TABLE[f].range;
      if (!Number.isFinite(v)) problems.push(`${f} is not a finite number (${JSON.stringify(rec[5 + k])})`);
      else if (v < lo || v > hi) problems.push(`${f}=${v} outside [${lo}, ${hi}]`);
      features[f] = v;
    });
    const labels = {} as Labels;
    SEL_SKILLS.forEach((s, k) => {
      const v = parseNumber(rec[5 + FEATURES.length + k]);
      if (!Number.isFinite(v) || v < 0 || v > 1) problems.push(`${labelColumn(s)}=${rec[5 + FEATURES.length + k]} not in [0, 1]`);
      labels[s] = v;
    });
    if (problems.length > 0) errors.push(`${line}: ${problems.join('; ')}`);
    else rows.push({ sampleId, skill: skill as SelSkill, level: level as Level, grade: grade as Grade, utterance, features, labels });
  }
  return { rows, errors };
}

export class CsvSchemaError extends Error {
  override name = 'CsvSchemaError';
  constructor(readonly file: string, readonly errors: string[]) {
    super(`${file}: ${errors.length} schema error(s), first: ${errors[0]}`);
  }
}

/** Reads a dataset file; any schema error throws `CsvSchemaError` listing them all. */
export function readCsv(file: string): SelRow[] {
  const { rows, errors } = parseCsv(readFileSync(file, 'utf8'));
  if (errors.length > 0) throw new CsvSchemaError(file, errors);
  return rows;
}

export function writeCsv(file: string, rows: readonly SelRow[]): void {
  writeFileSync(file, toCsv(rows));
}
