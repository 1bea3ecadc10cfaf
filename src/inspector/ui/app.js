import { h } from './dom.js';
import { renderDetail } from './exchange-detail.js';
import { ExchangeList } from './exchange-list.js';

const listElement = document.getElementById('list');
const detailElement = document.getElementById('detail');
const connection = document.getElementById('connection');
const count = document.getElementById('count');
const follow = document.getElementById('follow');

let status;
let statusLoadedAt = 0;
let shownId;

const list = new ExchangeList(listElement, { onSelect: (id) => void showDetail(id) });

document.getElementById('filter').addEventListener('input', (event) => list.setFilter({ text: event.target.value }));
document.getElementById('problems').addEventListener('change', (event) => list.setFilter({ problemsOnly: event.target.checked }));

function updateCount() {
  count.textContent = `${list.all.length} request${list.all.length === 1 ? '' : 's'}`;
}

function connect() {
  const events = new EventSource('api/events');
  events.addEventListener('open', () => setConnection('live', 'live'));
  events.addEventListener('error', () => setConnection('down', 'reconnecting…'));
  events.addEventListener('snapshot', (event) => {
    const snapshot = JSON.parse(event.data);
    list.reset(snapshot.exchanges, snapshot.capacity);
    updateCount();
  });
  events.addEventListener('exchanges', (event) => {
    const batch = JSON.parse(event.data);
    list.add(batch);
    updateCount();
    const newest = batch.at(-1);
    if (newest && (follow.checked || shownId === undefined)) list.select(newest.id);
  });
}

function setConnection(state, text) {
  connection.className = `connection ${state}`;
  connection.textContent = text;
}

/** The control interface's status (deployments, cache entries), at most once a second. */
async function loadStatus() {
  if (Date.now() - statusLoadedAt < 1000) return status;
  try {
    const res = await fetch('/_gatehouse/control/status', { headers: { Accept: 'application/json' } });
    if (res.ok) {
      status = await res.json();
      statusLoadedAt = Date.now();
    }
  } catch {
    // keep the last one
  }
  return status;
}

async function showDetail(id) {
  shownId = id;
  const [res, stages] = await Promise.all([fetch(`api/exchanges/${id}`), loadStatus()]);
  if (shownId !== id) return;
  if (!res.ok) {
    detailElement.replaceChildren(
      h('div', { class: 'placeholder' }, `#${id} is no longer kept (the inspector keeps the newest ${list.capacity}).`),
    );
    return;
  }
  const detail = await res.json();
  if (shownId !== id) return;
  detailElement.replaceChildren(
    renderDetail(detail, { onReplay: replay, onSelect: (other) => list.select(other), status: stages }),
  );
  detailElement.scrollTop = 0;
}

async function replay(id, button) {
  button.disabled = true;
  button.textContent = 'replaying…';
  try {
    const res = await fetch(`api/exchanges/${id}/replay`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    const body = await res.json();
    if (!res.ok) throw new Error(body.message ?? `HTTP ${res.status}`);
    list.add([body]);
    updateCount();
    statusLoadedAt = 0;
    list.select(body.id);
  } catch (error) {
    button.textContent = `replay failed: ${error.message}`;
  }
}

connect();
