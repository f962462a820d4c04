/**
 * The data team's console (issue 14): what has been collected for the in-house model and
 * under which consent, the dataset builds, the model runs with their evaluations and
 * promotion, the SEL pipeline runs, and the interaction-log export. One tab per part, each
 * loading its own data from /admin/data/* (src/api/routes/admin-data.ts) when first opened;
 * a visited tab stays mounted while hidden, so a build being watched keeps its progress.
 * The parts live in pages/admin/.
 */
import { useState, type KeyboardEvent } from 'react';
import '../styles/admin.css';
import { Datasets } from './admin/Datasets.tsx';
import { ExportJob } from './admin/ExportJob.tsx';
import { Models } from './admin/Models.tsx';
import { Overview } from './admin/Overview.tsx';
import { SelRuns } from './admin/SelRuns.tsx';

const TABS = [
  { id: 'collection', label: 'Collection', panel: Overview },
  { id: 'datasets', label: 'Datasets', panel: Datasets },
  { id: 'models', label: 'Models', panel: Models },
  { id: 'sel', label: 'SEL runs', panel: SelRuns },
  { id: 'export', label: 'Export', panel: ExportJob },
] as const;
type TabId = (typeof TABS)[number]['id'];

export default function Admin() {
  // In state, not in the address: the app shell remounts a page (and moves focus) on every path change.
  const [tab, setTab] = useState<TabId>('collection');
  const [visited, setVisited] = useState<ReadonlySet<TabId>>(() => new Set([tab]));
  const open = (id: TabId, focus = false) => {
    setVisited((v) => new Set(v).add(id));
    setTab(id);
    if (focus) document.getElementById(`admin-tab-${id}`)?.focus();
  };
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab goes on into the panel.
  const onKey = (e: KeyboardEvent) => {
    const i = TABS.findIndex((t) => t.id === tab);
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (e.key === 'Home' || e.key === 'End') open(TABS[e.key === 'Home' ? 0 : TABS.length - 1].id, true);
    else if (step) open(TABS[(i + step + TABS.length) % TABS.length].id, true);
    else return;
    e.preventDefault();
  };
  return (
    <div className="page stack admin">
      <div className="page-head">
        <h1>Data console</h1>
        <p className="lead">What the platform collects for its own model, and the jobs that turn it into training data and models.</p>
      </div>
      <div role="tablist" aria-label="Data console" className="tabs" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`admin-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`admin-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`tab ${tab === t.id ? 'is-current' : ''}`}
            onClick={() => open(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.filter((t) => visited.has(t.id)).map(({ id, panel: Panel }) => (
        <div key={id} id={`admin-panel-${id}`} role="tabpanel" aria-labelledby={`admin-tab-${id}`} className="stack" hidden={tab !== id}>
          <Panel />
        </div>
      ))}
    </div>
  );
}
