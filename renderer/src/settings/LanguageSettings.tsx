/**
 * The interface language: the system's (the default, kept as no choice in the
 * core), or French or English chosen for good. The sidebar's switch may change
 * it too: the choice shown follows.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.js';
import {
  chooseLanguage,
  followSystemLanguage,
  LANGUAGES,
  systemLanguage,
  type Language,
} from '../i18n/index.js';

type Choice = Language | 'system';

export function LanguageSettings({ stored }: { stored: Language | null }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [choice, setChoice] = useState<Choice>(stored ?? 'system');
  // The language a pick here is switching to: its change is not a switch from elsewhere.
  const expected = useRef<string | null>(null);

  useEffect(() => {
    const listener = (language: string) => {
      if (language === expected.current) {
        expected.current = null;
        return;
      }
      // Switched elsewhere (the sidebar): that is a choice for good.
      if ((LANGUAGES as readonly string[]).includes(language)) setChoice(language as Language);
    };
    i18n.on('languageChanged', listener);
    return () => i18n.off('languageChanged', listener);
  }, [i18n]);

  function pick(next: Choice) {
    expected.current = next === 'system' ? systemLanguage() : next;
    setChoice(next);
    void (next === 'system' ? followSystemLanguage(api) : chooseLanguage(api, next));
  }

  const options: Array<[Choice, string]> = [
    ['system', t('appSettings.languageSystem', { name: t(`language.${systemLanguage()}`) })],
    ...LANGUAGES.map((l): [Choice, string] => [l, t(`language.${l}`)]),
  ];
  return (
    <div className="language-choice" role="radiogroup" aria-labelledby="settings-language">
      {options.map(([value, label]) => (
        <label key={value}>
          <input
            type="radio"
            name="language"
            value={value}
            checked={choice === value}
            onChange={() => pick(value)}
          />
          <span lang={value === 'system' ? undefined : value}>{label}</span>
        </label>
      ))}
    </div>
  );
}
