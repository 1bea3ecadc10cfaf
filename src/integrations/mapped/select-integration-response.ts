/**
 * Choosing the integration response.
 * AWS (documented, API_IntegrationResponse.html; recorded, test_lambda_selection_patterns):
 * - for a Lambda integration, selectionPattern is matched against the function error's errorMessage, and only
 *   when the function failed: a success always takes the default response;
 * - for HTTP and MOCK integrations it is matched against the endpoint's status code;
 * - Java regex semantics: the whole string must match (`matches()`: inferred, AWS examples always wrap
 *   patterns in `.*`), and `.` does not match line terminators (documented caveat about `.+`);
 * - nothing matches → the default response (no pattern); no default → 500 (see the catalogue).
 * Which of several matching patterns wins is not established: gatehouse takes the first in definition order.
 */
import type { IntegrationResponseSpec } from '../../model/integration.js';

export interface Selection {
  readonly response: IntegrationResponseSpec | undefined;
  /** Patterns that matched as well, when several did. */
  readonly alsoMatched: readonly string[];
}

export function selectIntegrationResponse(responses: readonly IntegrationResponseSpec[], subject: string | undefined): Selection {
  const matched =
    subject === undefined
      ? []
      : responses.filter(
          (r) => r.selectionPattern !== undefined && r.selectionPattern !== '' && matchesJavaRegex(r.selectionPattern, subject),
        );
  const [first, ...rest] = matched;
  if (first !== undefined) return { response: first, alsoMatched: rest.map((r) => r.selectionPattern ?? '') };
  const fallback = responses.find((r) => r.selectionPattern === undefined || r.selectionPattern === '');
  return { response: fallback, alsoMatched: [] };
}

/** Java's Pattern.matches: a full match. JavaScript's `.` already excludes \n, \r, \u2028 and \u2029. */
export function matchesJavaRegex(pattern: string, subject: string): boolean {
  return compileJavaRegex(pattern).test(subject);
}

const cache = new Map<string, RegExp>();

export function compileJavaRegex(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${pattern})$`);
    cache.set(pattern, regex);
  }
  return regex;
}
