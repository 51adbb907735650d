import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/types.js';

/** An account's name as the UI shows it: the demo's is a UI string, so it follows the language. */
export function useAccountName(): (account: Account) => string {
  const { t } = useTranslation();
  return (account) => (account.localSource === 'demo' ? t('sidebar.demoName') : account.name);
}

/** "host:port" of an account's IMAP server, for error sentences. */
export function accountServer(account: Account | undefined): string | undefined {
  return account?.imap ? `${account.imap.host}:${account.imap.port}` : undefined;
}
