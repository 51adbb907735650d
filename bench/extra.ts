/**
 * Rows from the other benchmarks that `npm run bench` gathers: today
 * bench/classify.ts's benchClassify(), written by another part of the project.
 * A module that is absent or fails is reported in a note, never fatal.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './rows.js';

export async function extraRows(
  benchDir: string,
  quick: boolean,
  log: (message: string) => void,
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const file = path.join(benchDir, 'classify.ts');
  if (!existsSync(file))
    return { rows: [], notes: ['bench/classify.ts is absent: no classification rows'] };
  log('classification benchmark (bench/classify.ts)');
  try {
    const mod = (await import(pathToFileURL(file).href)) as {
      benchClassify?: (options?: { quick: boolean }) => Promise<BenchRow[]> | BenchRow[];
      classifyGeneratedNote?: (options?: { quick: boolean }) => string;
    };
    if (typeof mod.benchClassify !== 'function') {
      return { rows: [], notes: ['bench/classify.ts exports no benchClassify(): no rows from it'] };
    }
    const rows = await mod.benchClassify({ quick });
    const valid = rows.filter(isBenchRow);
    const notes =
      valid.length === rows.length
        ? []
        : [`bench/classify.ts: ${rows.length - valid.length} malformed rows dropped`];
    if (typeof mod.classifyGeneratedNote === 'function')
      notes.push(mod.classifyGeneratedNote({ quick }));
    return { rows: valid, notes };
  } catch (err) {
    return {
      rows: [],
      notes: [`bench/classify.ts failed: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
}

function isBenchRow(row: unknown): row is BenchRow {
  const r = row as BenchRow;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.name === 'string' &&
    typeof r.value === 'number' &&
    Number.isFinite(r.value) &&
    typeof r.unit === 'string' &&
    typeof r.goal === 'string'
  );
}
