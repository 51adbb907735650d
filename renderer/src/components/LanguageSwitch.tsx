import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.js';
import { chooseLanguage, LANGUAGES, type Language } from '../i18n/index.js';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((language: Language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => void chooseLanguage(api, language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </div>
  );
}
