// @ts-check
/**
 * The meta of a request frame, on the pipe and on the port alike (`src/runtime/runtime-api/runtime-api-frames.ts`
 * reads it): `{requestId?, headers?}` with lower-case header names.
 * @param {string} id @param {Record<string, string>} headers
 */
export function requestMeta(id, headers) {
  const names = Object.keys(headers);
  // A response has no headers: the common case, built without intermediate objects.
  if (names.length === 0) return id === '' ? '{}' : `{"requestId":${JSON.stringify(id)}}`;
  const lowerCase = lowerCaseHeaders(headers);
  return JSON.stringify(id === '' ? { headers: lowerCase } : { requestId: id, headers: lowerCase });
}

/**
 * Header names as the Runtime API server reads them (lower case); undefined for none (a response).
 * @param {Record<string, string>} headers @returns {Record<string, string> | undefined}
 */
export function lowerCaseHeaders(headers) {
  const names = Object.keys(headers);
  if (names.length === 0) return undefined;
  return Object.fromEntries(names.map((name) => [name.toLowerCase(), /** @type {string} */ (headers[name])]));
}
