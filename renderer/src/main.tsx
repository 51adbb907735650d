import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext.js';
import { createApi } from './api/create-api.js';
import { App } from './App.js';
import { adoptCoreLanguage, setUpI18n } from './i18n/index.js';
import { SyncProvider } from './sync/SyncContext.js';
import './styles.css';

async function start() {
  const api = createApi();
  await setUpI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  void adoptCoreLanguage(api);
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={api}>
        <SyncProvider>
          <App />
        </SyncProvider>
      </ApiProvider>
    </StrictMode>,
  );
}

void start();
