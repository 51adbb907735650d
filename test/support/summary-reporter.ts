/**
 * Prints the plain closing line CI reads ("N passed, N failed, N skipped"),
 * after vitest's own summary, and lists each skipped test with its reason
 * so a skip is never mistaken for a pass.
 */
import type { Reporter, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedNames: string[] = [];
    for (const mod of modules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        else {
          skipped += 1;
          skippedNames.push(`${mod.moduleId.replace(process.cwd() + '/', '')} > ${test.fullName}`);
        }
      }
      if (mod.state() === 'failed' && mod.children.size === 0) failed += 1; // a file that failed to load
    }
    if (skippedNames.length) {
      process.stdout.write(
        `\nSkipped (see the warnings above for why):\n${skippedNames.map((n) => `  - ${n}`).join('\n')}\n`,
      );
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
