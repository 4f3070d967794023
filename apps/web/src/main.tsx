import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { preloadScreen } from './components/routes.ts';
import { match } from './lib/router.tsx';
import './styles/base.css';
import './styles/layout.css';
import './styles/widgets.css';

preloadScreen(location.pathname, match);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
