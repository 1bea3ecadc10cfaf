import { prettyJson, renderBody } from './body-view.js';
import { formatBytes, formatMs, h, statusClass } from './dom.js';
import { renderStages } from './stage-state.js';

/** The detail pane of one exchange, in the order a developer asks: what went wrong, what came back, why. */
export function renderDetail(detail, { onReplay, onSelect, status }) {
  return h(
    'article',
    { class: 'detail', dataset: { id: String(detail.id) } },
    renderHeader(detail, onReplay, onSelect),
    detail.explanations.length > 0 ? renderExplanations(detail) : null,
    section('response', 'What the client received', renderResponse(detail.response)),
    section('trace', `Pipeline trace · ${formatMs(detail.ms)}`, renderTrace(detail)),
    detail.lambda ? section('lambda', `Lambda · ${detail.lambda.functionName}`, renderLambda(detail.lambda)) : null,
    section('request', 'Request', renderRequest(detail.request)),
    section('execution-log', executionLogTitle(detail.executionLog), renderExecutionLog(detail.executionLog)),
    section('stages', 'Cache and deployments', renderCache(detail), renderStages(status, detail.api)),
  );
}

function section(name, title, ...content) {
  return h('details', { class: `section ${name}`, open: true, dataset: { section: name } }, h('summary', {}, title), ...content);
}

function renderHeader(detail, onReplay, onSelect) {
  const api = detail.api
    ? `${detail.api.type} API ${detail.api.logicalId} · stage ${detail.api.stage} · ${detail.api.type === 'HTTP' ? 'route' : 'resource'} ${detail.api.resourcePath}`
    : 'no API stage matched';
  const replay = h('button', { type: 'button', class: 'replay', disabled: !detail.replayable }, '↻ Replay');
  replay.title = detail.replayable ? 'Send this request through the gateway again' : 'The request body was too large to keep';
  replay.addEventListener('click', () => onReplay(detail.id, replay));
  const replayOf = detail.replayOf
    ? h('button', { type: 'button', class: 'link', onclick: () => onSelect(detail.replayOf) }, `replay of #${detail.replayOf}`)
    : null;
  return h(
    'header',
    { class: 'detail-header' },
    h(
      'div',
      { class: 'headline' },
      h('span', { class: `status big ${statusClass(detail.status)}` }, String(detail.status)),
      h('span', { class: 'method' }, detail.method),
      h('span', { class: 'target' }, detail.target),
    ),
    h(
      'div',
      { class: 'subline' },
      h('span', {}, `#${detail.id}`),
      h('span', {}, new Date(detail.time).toLocaleTimeString()),
      h('span', {}, formatMs(detail.ms)),
      detail.coldStart === undefined
        ? null
        : h('span', { class: detail.coldStart ? 'cold' : '' }, detail.coldStart ? 'cold start' : 'warm'),
      detail.cache ? h('span', {}, `cache ${detail.cache}`) : null,
      h('span', {}, api),
      replayOf,
      replay,
    ),
  );
}

function renderExplanations(detail) {
  const boxes = detail.explanations.map((e) =>
    h(
      'div',
      { class: `explanation ${e.severity}` },
      h(
        'h3',
        {},
        `${e.severity === 'error' ? '✖' : '⚠'} ${e.severity === 'error' ? `${detail.status} ` : ''}${e.title}`,
        h('code', {}, e.code),
      ),
      h(
        'dl',
        {},
        row('rule', e.detail),
        e.awsLog ? row('AWS log', e.awsLog) : null,
        e.functionError ? row('function', e.functionError) : null,
        row('fix', e.fix, 'fix'),
        e.where ? row('where', e.where) : null,
        e.handler ? row('handler', e.handler) : null,
        row('docs', h('a', { href: e.docs, target: '_blank', rel: 'noopener noreferrer' }, e.docs)),
      ),
    ),
  );
  const asPrinted = detail.explanationText
    ? h(
        'details',
        { class: 'as-printed' },
        h('summary', {}, 'as printed in the terminal'),
        h('pre', { class: 'code' }, detail.explanationText),
      )
    : null;
  return h('section', { class: 'explanations', dataset: { section: 'explanation' } }, ...boxes, asPrinted);
}

function row(label, value, className) {
  return [h('dt', {}, label), h('dd', { class: className }, value)];
}

function renderHeaders(headers) {
  if (headers.length === 0) return h('div', { class: 'body-meta' }, 'no headers');
  return h(
    'table',
    { class: 'headers' },
    h(
      'tbody',
      {},
      headers.map(([name, value]) => h('tr', {}, h('th', {}, name), h('td', {}, value))),
    ),
  );
}

function renderResponse(response) {
  return [
    h('div', { class: 'status-line' }, `HTTP/1.1 ${response.status}`),
    renderHeaders(response.headers),
    renderBody(response.body),
  ];
}

function renderRequest(request) {
  return [
    h('div', { class: 'status-line' }, `${request.method} ${request.target} ${request.protocol} · from ${request.sourceIp}`),
    renderHeaders(request.headers),
    renderBody(request.body),
  ];
}

function renderTrace(detail) {
  const total = Math.max(detail.ms, ...detail.trace.map((e) => e.ms), 0.001);
  const rows = detail.trace.map((entry, index) => {
    const bar = h('span', { class: 'bar-fill' });
    bar.style.width = `${Math.max(0.5, (entry.ms / total) * 100)}%`;
    return h(
      'li',
      { class: `phase ${entry.outcome}`, dataset: { stage: entry.stage } },
      h(
        'div',
        { class: 'phase-line' },
        h('span', { class: 'phase-index' }, String(index + 1)),
        h('span', { class: 'phase-name' }, entry.stage),
        h('span', { class: 'phase-outcome' }, entry.outcome === 'failed' ? `failed · ${entry.failureCode}` : 'ok'),
        h('span', { class: 'bar' }, bar),
        h('span', { class: 'phase-ms' }, formatMs(entry.ms)),
      ),
      entry.notes.length > 0
        ? h(
            'ul',
            { class: 'notes' },
            entry.notes.map((n) => h('li', {}, n)),
          )
        : null,
    );
  });
  if (rows.length === 0) return h('div', { class: 'body-meta' }, 'no pipeline phase ran (gatehouse answered this itself)');
  return h('ol', { class: 'phases' }, rows);
}

function renderLambda(lambda) {
  const facts = h(
    'dl',
    { class: 'facts' },
    row('function', lambda.functionName),
    lambda.coldStart === undefined ? null : row('start', lambda.coldStart ? 'cold (a new execution environment)' : 'warm'),
    lambda.durationMs === undefined ? null : row('duration', formatMs(lambda.durationMs)),
    lambda.lambdaRequestId ? row('request id', lambda.lambdaRequestId) : null,
    lambda.handlerLocation ? row('handler', lambda.handlerLocation) : null,
    lambda.functionError
      ? row(
          'error',
          `${lambda.functionError.errorType}: ${lambda.functionError.errorMessage} (${lambda.functionError.reason})`,
          'error',
        )
      : null,
  );
  return [
    facts,
    h('h4', {}, `Event · ${formatBytes(lambda.eventBytes)}`),
    capped(lambda.event, (t) => t, 'event'),
    h('h4', {}, 'Raw result, as the function returned it'),
    lambda.rawResult
      ? capped(lambda.rawResult, prettyJson, 'raw-result')
      : h('div', { class: 'body-meta' }, 'no result (the invoke did not complete)'),
  ];
}

function capped(text, format, name) {
  return h(
    'div',
    { class: 'body' },
    text.truncated
      ? h('div', { class: 'body-meta' }, `first ${formatBytes(text.text.length)} of ${formatBytes(text.size)}`)
      : null,
    h('pre', { class: `code ${name}` }, text.truncated ? text.text : format(text.text)),
  );
}

function executionLogTitle(log) {
  return log.kind === 'aws' ? 'AWS execution log' : 'gatehouse notes (HTTP APIs write no execution log)';
}

function renderExecutionLog(log) {
  if (log.lines.length === 0) return h('div', { class: 'body-meta' }, 'no lines: the request did not reach a method');
  return h('pre', { class: 'code log' }, log.lines.join('\n'));
}

function renderCache(detail) {
  const cache = detail.cacheTrace;
  if (!cache) return h('div', { class: 'body-meta' }, 'The stage cache took no part in this request.');
  const parts = [`cache ${cache.outcome}`, `key ${cache.key}`, `TTL ${cache.ttlSeconds} s`];
  if (cache.ageSeconds !== undefined) parts.push(`age ${cache.ageSeconds} s`);
  if (cache.deploymentNumber !== undefined) parts.push(`stored by deployment ${cache.deploymentNumber}`);
  if (cache.invalidationIgnored) parts.push(`max-age=0 ignored: ${cache.invalidationIgnored}`);
  return h('div', { class: 'cache-line' }, parts.join(' · '));
}
