/** One line of a JSONL file, parsed; a broken one names its file and line instead of echoing the line back. */
export function parseJsonLine<T = unknown>(line: string, file: string, lineNo: number): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`${file}:${lineNo}: not valid JSON (${line.length > 60 ? `${line.slice(0, 60)}…` : line})`);
  }
}
