import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext.js';
import { createApi } from './api/create-api.js';
import { App } from './App.js';
import { setUpI18n } from './i18n/index.js';
import './styles.css';

async function start() {
  const api = createApi();
  await setUpI18n();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <ApiProvider api={api}>
        <App />
      </ApiProvider>
    </StrictMode>,
  );
}

void start();
