import 'i18next';
import type { Messages } from './fr.js';

// Type-checks every t('…') key against the French messages (English has the same shape).
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
