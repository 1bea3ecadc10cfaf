/**
 * The `Date` header value (IMF-fixdate, `new Date().toUTCString()`). It changes once a second, so the text is
 * kept for the current second instead of formatting a Date on every response.
 */
let second = Number.NaN;
let text = '';

export function httpDate(now = Date.now()): string {
  const current = Math.floor(now / 1000);
  if (current !== second) {
    second = current;
    text = new Date(now).toUTCString();
  }
  return text;
}
