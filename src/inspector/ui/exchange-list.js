import { formatMs, h, statusClass } from './dom.js';

const ROW_HEIGHT = 30;
const OVERSCAN = 8;

/**
 * The request list, newest first. Virtualised: only the rows in view exist in the DOM, so thousands of requests
 * scroll as fast as ten.
 */
export class ExchangeList {
  constructor(container, { onSelect }) {
    this.container = container;
    this.onSelect = onSelect;
    this.all = [];
    this.visible = [];
    this.filter = { text: '', problemsOnly: false };
    this.selectedId = undefined;
    this.capacity = 2000;
    this.spacer = h('div', { class: 'list-spacer' });
    this.empty = h('div', { class: 'list-empty' }, 'Waiting for requests… send one to any route printed at start-up.');
    container.append(this.spacer, this.empty);
    container.addEventListener('scroll', () => this.schedule());
    container.addEventListener('keydown', (event) => this.onKey(event));
    new ResizeObserver(() => this.schedule()).observe(container);
  }

  reset(summaries, capacity) {
    this.capacity = capacity;
    this.all = summaries.slice(-capacity);
    this.refilter();
  }

  /** New summaries (ids only grow; one already known, e.g. a replay that also came over the stream, is skipped). */
  add(summaries) {
    const lastId = this.all.at(-1)?.id ?? 0;
    const fresh = summaries.filter((s) => s.id > lastId);
    if (fresh.length === 0) return;
    this.all.push(...fresh);
    if (this.all.length > this.capacity) this.all.splice(0, this.all.length - this.capacity);
    this.refilter();
  }

  setFilter(filter) {
    this.filter = { ...this.filter, ...filter };
    this.refilter();
  }

  refilter() {
    const text = this.filter.text.trim().toLowerCase();
    const matches = (s) =>
      (!this.filter.problemsOnly || s.failureCode || s.noticeCodes.length > 0 || s.status >= 400) &&
      (text === '' ||
        `${s.method} ${s.target} ${s.status} ${s.failureCode ?? ''} ${s.noticeCodes.join(' ')}`.toLowerCase().includes(text));
    this.visible = this.all.filter(matches).reverse();
    this.spacer.style.height = `${this.visible.length * ROW_HEIGHT}px`;
    this.empty.hidden = this.visible.length > 0;
    this.schedule();
  }

  select(id) {
    this.selectedId = id;
    this.schedule();
    this.onSelect(id);
  }

  schedule() {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.render();
    });
  }

  render() {
    const { scrollTop, clientHeight } = this.container;
    const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.visible.length, Math.ceil((scrollTop + clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const rows = [];
    for (let i = first; i < last; i++) rows.push(this.renderRow(this.visible[i], i));
    this.spacer.replaceChildren(...rows);
  }

  renderRow(s, index) {
    const problem = s.failureCode ? 'failure' : s.noticeCodes.length > 0 ? 'notice' : undefined;
    const row = h(
      'div',
      {
        class: `row${s.id === this.selectedId ? ' selected' : ''}`,
        role: 'option',
        'aria-selected': s.id === this.selectedId ? 'true' : 'false',
        dataset: { id: String(s.id) },
        title: s.failureCode ?? s.noticeCodes.join(', '),
      },
      h('span', { class: `status ${statusClass(s.status)}` }, String(s.status)),
      h('span', { class: 'method' }, s.method),
      h('span', { class: 'target' }, s.target),
      problem ? h('span', { class: `flag ${problem}` }, problem === 'failure' ? '✖' : '⚠') : null,
      s.replayOf ? h('span', { class: 'flag replay', title: `replay of #${s.replayOf}` }, '↻') : null,
      h('span', { class: 'ms' }, formatMs(s.ms)),
    );
    row.style.top = `${index * ROW_HEIGHT}px`;
    row.addEventListener('click', () => this.select(s.id));
    return row;
  }

  onKey(event) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const index = this.visible.findIndex((s) => s.id === this.selectedId);
    const next = this.visible[Math.min(this.visible.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))];
    if (!next) return;
    this.select(next.id);
    const top = this.visible.indexOf(next) * ROW_HEIGHT;
    if (top < this.container.scrollTop) this.container.scrollTop = top;
    else if (top + ROW_HEIGHT > this.container.scrollTop + this.container.clientHeight)
      this.container.scrollTop = top + ROW_HEIGHT - this.container.clientHeight;
  }
}
