import { h } from './dom.js';

/** Deployments, pending changes and cache entries per stage, from the control interface's status. */
export function renderStages(status, api) {
  if (!status) return h('div', { class: 'body-meta' }, 'stage status not loaded yet');
  const current = (stage, apiName) => api && api.stage === stage && api.logicalId === apiName;
  const rest = status.restStages.map((s) =>
    h(
      'tr',
      { class: current(s.stage, s.api) ? 'current' : '' },
      h('td', {}, `REST ${s.api}`),
      h('td', {}, s.stage),
      h('td', {}, `#${s.deployment.number} (${s.deployment.id})`),
      h('td', {}, s.pending ? `pending: ${s.pending.changes}` : 'up to date'),
      h('td', {}, s.cacheClusterEnabled ? `${s.cacheEntries.length} cached` : 'no cache'),
    ),
  );
  const http = status.httpStages.map((s) =>
    h(
      'tr',
      { class: current(s.stage, s.api) ? 'current' : '' },
      h('td', {}, `HTTP ${s.api}`),
      h('td', {}, s.stage),
      h('td', {}, `#${s.deployment.number} (${s.deployment.id})`),
      h('td', {}, 'auto-deployed'),
      h('td', {}, 'no cache (HTTP API)'),
    ),
  );
  const entries = status.restStages
    .filter((s) => current(s.stage, s.api) && s.cacheEntries.length > 0)
    .flatMap((s) =>
      s.cacheEntries.map((e) =>
        h('li', {}, `${e.key} · ${e.status} · age ${e.ageSeconds} s of ${e.ttlSeconds} s · deployment ${e.deployment}`),
      ),
    );
  return h(
    'div',
    { class: 'stages' },
    h(
      'div',
      { class: 'body-meta' },
      `deploy mode ${status.mode}`,
      status.templateError ? ` · template error: ${status.templateError.message}` : '',
    ),
    h(
      'table',
      { class: 'stage-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['API', 'stage', 'deployment', 'changes', 'cache'].map((t) => h('th', {}, t)),
        ),
      ),
      h('tbody', {}, rest, http),
    ),
    entries.length > 0 ? h('ul', { class: 'cache-entries' }, entries) : null,
  );
}
