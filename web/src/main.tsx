import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { NODE_TYPES } from '../../shared/nodes/registry.ts';

/** Placeholder shell until the editor lands: lists the node palette from the shared registry. */
function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24 }}>
      <h1>Voronka</h1>
      <p>Конструктор автоворонок. Редактор появится в следующей версии.</p>
      <ul>
        {NODE_TYPES.map((d) => (
          <li key={d.type}>
            {d.label.ru} / {d.label.en}
          </li>
        ))}
      </ul>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
