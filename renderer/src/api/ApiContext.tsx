import { createContext, useContext, type ReactNode } from 'react';
import type { InboxGuardApi } from '../../../shared/api/index.js';

const ApiContext = createContext<InboxGuardApi | null>(null);

export function ApiProvider({ api, children }: { api: InboxGuardApi; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>;
}

export function useApi(): InboxGuardApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi() must be used inside <ApiProvider>.');
  return api;
}
