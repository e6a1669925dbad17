import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { acceptEmbeddedToken } from './api/auth';
import { App } from './App';
import './styles.css';

acceptEmbeddedToken();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
