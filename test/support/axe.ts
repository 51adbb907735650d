/**
 * Accessibility in the page, checked by axe-core (the installed copy,
 * evaluated in the page: the app's CSP refuses inline scripts, not DevTools).
 * Only serious and critical violations fail; the mail frame is the sender's
 * markup and is left out.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

export async function expectNoSeriousAxeViolations(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate<boolean>(`typeof window.axe !== 'undefined'`))) {
    await page.evaluate(AXE_SOURCE);
  }
  const violations = await page.evaluate<Violation[]>(`
    axe.run({ exclude: [['.mail-frame iframe']] }, { iframes: false, resultTypes: ['violations'] })
      .then((r) => r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      })))`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe-core on ${screen}`).toEqual([]);
}
