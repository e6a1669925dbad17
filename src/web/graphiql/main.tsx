import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import readme from '../../../README.md?raw';
import { acceptEmbeddedToken, currentToken } from '../api/auth';
import { readmeExamples } from './examples';

// GraphiQL at /graphql, bundled (no CDN): it sends the dashboard's key, and opens with the README's queries.
acceptEmbeddedToken();
const token = currentToken();
const fetcher = createGraphiQLFetcher({ url: '/graphql' });
const tabs = readmeExamples(readme).map((query) => ({ query }));

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <GraphiQL
        fetcher={fetcher}
        defaultTabs={tabs}
        defaultHeaders={token ? JSON.stringify({ authorization: `Bearer ${token}` }, null, 2) : undefined}
        defaultEditorToolsVisibility={false}
      />
    </StrictMode>,
  );
}
