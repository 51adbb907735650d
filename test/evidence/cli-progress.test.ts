/**
 * export-evidence's progress on stderr: on a terminal one line kept up to
 * date for every file; in a log or a pipe a line every 100 files and at the
 * end of each step, so a large case does not write a line per file.
 */
import { describe, expect, it } from 'vitest';
import { exportProgressPrinter } from '../../electron/cli/evidence.js';

function exportOf(print: ReturnType<typeof exportProgressPrinter>) {
  for (let done = 0; done <= 300; done += 50) print('sources', done, 300);
  for (let done = 1; done <= 905; done++) print('files', done, 905);
}

describe('export-evidence progress', () => {
  it('prints a line every 100 files and at the end of each step when stderr is a log', () => {
    const err: string[] = [];
    exportOf(exportProgressPrinter({ out: () => undefined, err: (l) => err.push(l) }));
    expect(err).toEqual([
      'export: 0/300 messages prepared',
      'export: 100/300 messages prepared',
      'export: 200/300 messages prepared',
      'export: 300/300 messages prepared',
      ...[100, 200, 300, 400, 500, 600, 700, 800, 900].map((n) => `export: ${n}/905 files written`),
      'export: 905/905 files written',
    ]);
  });

  it('keeps one line up to date on a terminal, ended when each step is done', () => {
    const err: string[] = [];
    const status: string[] = [];
    exportOf(
      exportProgressPrinter({
        out: () => undefined,
        err: (l) => err.push(l),
        status: (l) => status.push(l),
      }),
    );
    expect(status).toHaveLength(7 + 905);
    expect(status.at(-1)).toBe('export: 905/905 files written');
    expect(err).toEqual(['', '']);
  });
});
