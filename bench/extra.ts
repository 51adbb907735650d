/**
 * Rows from the other benchmarks that `npm run bench` gathers: today
 * bench/classify.ts's benchClassify(), written by another part of the project.
 * A module that is absent or fails is reported in a note, never fatal.
 *
 * It runs in a process of its own, as the app classifies in a thread of its
 * own: a throughput measured here would otherwise inherit what the sync bench
 * left in this process (the raw client's buffers, a grown heap, compiled
 * code shaped by other work).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { BenchRow } from './rows.js';

/** What `bench/classify.ts --rows` prints as its last line of output. */
export interface ExtraOutput {
  rows: BenchRow[];
  notes: string[];
}

export async function extraRows(
  benchDir: string,
  quick: boolean,
  log: (message: string) => void,
  script = 'classify.ts',
): Promise<{ rows: BenchRow[]; notes: string[] }> {
  const file = path.join(benchDir, script);
  if (!existsSync(file)) return { rows: [], notes: [`bench/${script} is absent: no rows from it`] };
  log(`bench/${script}, in its own process`);
  try {
    const output = await runRowsProcess(file, quick);
    const rows = output.rows.filter(isBenchRow);
    const notes =
      rows.length === output.rows.length
        ? []
        : [`bench/${script}: ${output.rows.length - rows.length} malformed rows dropped`];
    return { rows, notes: [...notes, ...output.notes.filter((n) => typeof n === 'string')] };
  } catch (err) {
    return {
      rows: [],
      notes: [`bench/${script} failed: ${err instanceof Error ? err.message : String(err)}`],
    };
  }
}

/** Runs `node --import tsx classify.ts --rows [--quick]` and reads its last line as JSON. */
function runRowsProcess(file: string, quick: boolean): Promise<ExtraOutput> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', file, '--rows', ...(quick ? ['--quick'] : [])];
    const child = spawn(process.execPath, args, {
      cwd: path.dirname(path.dirname(file)),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`exited with code ${code}`));
      try {
        const parsed = JSON.parse(last) as ExtraOutput;
        if (!Array.isArray(parsed.rows) || !Array.isArray(parsed.notes)) throw new Error();
        resolve(parsed);
      } catch {
        reject(new Error(`printed no rows (last line: ${last.slice(0, 200) || 'none'})`));
      }
    });
  });
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
