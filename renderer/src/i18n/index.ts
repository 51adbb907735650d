/**
 * i18next set-up. The language is the user's choice, stored in the core (so
 * every window and every serve port shares it) and mirrored in localStorage
 * for the first paint; else the browser's (any fr-* gives French), else English.
 */
import i18next from 'i18next';
import type { InboxGuardApi } from '../../../shared/api/index.js';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { fr } from './fr.js';
import { frenchTypography } from './typography.js';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'inbox-guard.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function preferredLanguage(): Language {
  // No storage (private mode, policy) falls through to the browser's language.
  return storedLocally() ?? systemLanguage();
}

/** The system's (the browser's) language: any fr-* gives French, anything else English. */
export function systemLanguage(): Language {
  return /^fr\b/i.test(navigator.language) ? 'fr' : 'en';
}

export async function setUpI18n(): Promise<typeof i18next> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  await i18next.use(initReactI18next).init({
    resources: {
      fr: { translation: frenchTypography(fr) },
      en: { translation: en },
    },
    lng: preferredLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // React escapes what it renders; escaping here too would show &amp; and the like.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18next;
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}

function rememberLocally(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // The core keeps the choice anyway; only the first paint may differ.
  }
}

function forgetLocally() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored then.
  }
}

function storedLocally(): Language | null {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : null;
  } catch {
    return null;
  }
}

export async function chooseLanguage(api: InboxGuardApi, language: Language): Promise<void> {
  rememberLocally(language);
  await i18next.changeLanguage(language);
  // A failure here (the core gone) only costs the choice surviving elsewhere.
  await api.call('settings.set', { language });
}

/** Back to the system's language: the core forgets the choice, and so does this browser. */
export async function followSystemLanguage(api: InboxGuardApi): Promise<void> {
  forgetLocally();
  await i18next.changeLanguage(systemLanguage());
  await api.call('settings.set', { language: null });
}

/**
 * After the first paint: the core's stored choice wins over this browser's
 * copy. A choice made before the core kept one is handed to it once.
 */
export async function adoptCoreLanguage(api: InboxGuardApi): Promise<void> {
  const result = await api.call('settings.get', {});
  if (!result.ok) return;
  const fromCore = result.value.language;
  if (fromCore === null) {
    const local = storedLocally();
    if (local) await api.call('settings.set', { language: local });
    return;
  }
  rememberLocally(fromCore);
  if (fromCore !== i18next.language) await i18next.changeLanguage(fromCore);
}
