import { base64ToBytes, formatBytes, h } from './dom.js';

/** Hex dump lines shown for a binary body before "show all". */
const HEX_LINES = 256;

/**
 * A body as the client received it: JSON pretty-printed, images rendered from the exact bytes (so base64 text
 * labelled image/png shows as a broken image, as it would in the user's page), hex for other binary, text otherwise.
 */
export function renderBody(preview) {
  const meta = h(
    'div',
    { class: 'body-meta' },
    `${formatBytes(preview.size)}`,
    preview.contentType ? ` · ${preview.contentType}` : ' · no Content-Type',
    ` · shown as ${preview.kind}`,
    preview.truncated ? ` · first ${formatBytes(preview.base64.length * 0.75)} kept` : '',
  );
  switch (preview.kind) {
    case 'empty':
      return h('div', { class: 'body' }, h('div', { class: 'body-meta' }, 'empty body'));
    case 'image':
      return h('div', { class: 'body' }, meta, renderImage(preview));
    case 'json':
      return h('div', { class: 'body' }, meta, h('pre', { class: 'code' }, prettyJson(decodeText(preview.base64))));
    case 'text':
      return h('div', { class: 'body' }, meta, h('pre', { class: 'code' }, decodeText(preview.base64)));
    default:
      return h('div', { class: 'body' }, meta, renderHex(base64ToBytes(preview.base64)));
  }
}

function renderImage(preview) {
  const type = (preview.contentType ?? 'application/octet-stream').split(';')[0].trim();
  const status = h('div', { class: 'image-status' }, 'decoding…');
  const image = h('img', {
    class: 'preview-image',
    alt: `response body as ${type}`,
    src: `data:${type};base64,${preview.base64}`,
  });
  image.addEventListener('load', () => {
    status.className = 'image-status ok';
    status.textContent = `rendered: ${image.naturalWidth} × ${image.naturalHeight} px`;
  });
  image.addEventListener('error', () => {
    status.className = 'image-status broken';
    const bytes = base64ToBytes(preview.base64.slice(0, 64));
    const start = new TextDecoder().decode(bytes.slice(0, 32));
    status.textContent = `the browser cannot decode these bytes as ${type}: they start with "${start}"`;
    image.classList.add('broken');
  });
  return h('div', { class: 'image-frame' }, image, status);
}

function renderHex(bytes) {
  const lines = [];
  const total = Math.ceil(bytes.length / 16);
  const render = (count) => {
    lines.length = 0;
    for (let line = 0; line < Math.min(total, count); line++) {
      const chunk = bytes.slice(line * 16, line * 16 + 16);
      const hex = Array.from(chunk, (b) => b.toString(16).padStart(2, '0')).join(' ');
      const ascii = Array.from(chunk, (b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
      lines.push(`${(line * 16).toString(16).padStart(8, '0')}  ${hex.padEnd(47)}  ${ascii}`);
    }
    return lines.join('\n');
  };
  const pre = h('pre', { class: 'code hex' }, render(HEX_LINES));
  if (total <= HEX_LINES) return pre;
  const more = h('button', { type: 'button', class: 'link' }, `show all ${total} lines`);
  more.addEventListener('click', () => {
    pre.textContent = render(total);
    more.remove();
  });
  return h('div', {}, pre, more);
}

export function decodeText(base64) {
  return new TextDecoder().decode(base64ToBytes(base64));
}

export function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
