/**
 * What every UI test file shares: one Chromium for the file, a serve process
 * and page per test, everything a test opened closed after it (last opened,
 * first closed), and the page's own errors checked once it is gone.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium, openAppPage, RENDERER_INDEX, startServeProcess } from './browser.js';

export interface AppSessions {
  /** The file's browser (launched before the first test). */
  readonly browser: Browser;
  /** Closed after the test whatever happened, in reverse order. */
  readonly cleanups: Array<() => Promise<void>>;
  /** A fresh serve process and a page on it, in the given language. */
  openApp(locale: 'fr-FR' | 'en-US'): Promise<{
    serve: Awaited<ReturnType<typeof startServeProcess>>;
    page: Page;
  }>;
  /** A page on a serve process the test started itself (over a data folder it filled). */
  openPage(url: string, locale: 'fr-FR' | 'en-US'): Promise<{ page: Page }>;
}

/** Registers the file's hooks; `skip` when Chromium is missing (the tests say why). */
export function useAppSessions(skip: boolean): AppSessions {
  let browser: Browser | undefined;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    if (skip) return;
    if (!existsSync(RENDERER_INDEX)) {
      throw new Error(
        `The UI is not built (${RENDERER_INDEX} is missing). Run "npm run build:renderer" first; "npm test" does it before vitest.`,
      );
    }
    browser = await launchChromium();
  });

  afterEach(async () => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((err: unknown) => errors.push(err));
    }
    if (errors.length) throw errors[0];
  });

  afterAll(async () => {
    await browser?.close();
  });

  const sessions: AppSessions = {
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
    cleanups,
    async openApp(locale) {
      const serve = await startServeProcess();
      cleanups.push(() => serve.stop());
      const { page } = await sessions.openPage(serve.url, locale);
      return { serve, page };
    },
    async openPage(url, locale) {
      const { context, page, pageErrors } = await openAppPage(sessions.browser, url, locale);
      cleanups.push(async () => {
        await context.close();
        // After the page is gone, so the error list is final.
        expect(pageErrors, 'errors in the page (script errors, CSP violations)').toEqual([]);
      });
      return { page };
    },
  };
  return sessions;
}

/**
 * French typography: no ordinary space where a no-break space belongs, no
 * straight apostrophe. Only
 * the UI's own words are checked: mail content is marked translate="no".
 */
export async function expectFrenchTypography(page: Page): Promise<void> {
  // A string, not a function: the tests are type-checked without the DOM library.
  const text = await page.evaluate<string>(`(() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest('[translate="no"], script, style')) {
        parts.push(node.textContent ?? '');
      }
    }
    return parts.join('\\n');
  })()`);
  const badSpaces = text.match(/.{0,20}(?: [:;?!»]|« ).{0,20}/g) ?? [];
  expect(badSpaces, 'ordinary spaces before : ; ? ! » or after «').toEqual([]);
  const straightApostrophes = text.match(/.{0,20}\p{L}'\p{L}.{0,20}/gu) ?? [];
  expect(straightApostrophes, 'straight apostrophes (French takes ’)').toEqual([]);
}
