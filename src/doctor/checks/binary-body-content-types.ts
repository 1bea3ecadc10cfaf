import type { DoctorContext, RestFunctionMethod } from '../doctor-context.js';
import { locationOf } from '../doctor-context.js';
import type { FindingLocation } from '../finding.js';
import { findInSource, type HandlerSource, type TextMatch } from '../handler-source.js';

/**
 * What a handler's source says about its binary answers: where it returns `isBase64Encoded: true`, and the
 * Content-Type literals it sets. Read from the text; nothing is run.
 */
export interface BinaryAnswer {
  readonly source: HandlerSource;
  readonly base64At: TextMatch;
  /** Content types other than text (`image/png`), each where first written. */
  readonly contentTypes: readonly TextMatch[];
}

const contentTypeHeader = /['"]content-type['"]\s*:\s*['"`]([^'"`]+)['"`]/gi;
const mediaTypeLiteral = /['"`]((?:image|audio|video|font|application)\/[\w.+-]+)['"`]/gi;

export function readBinaryAnswer(source: HandlerSource): BinaryAnswer | undefined {
  const base64At = findInSource(source, /\bisBase64Encoded\s*:\s*true\b/)[0];
  if (base64At === undefined) return undefined;
  const headerTypes = findInSource(source, contentTypeHeader);
  const candidates = headerTypes.length > 0 ? headerTypes : findInSource(source, mediaTypeLiteral);
  const seen = new Set<string>();
  const contentTypes = candidates.filter((match) => {
    const type = match.value.toLowerCase().split(';')[0]?.trim() ?? '';
    if (isTextMediaType(type) || seen.has(type)) return false;
    seen.add(type);
    return true;
  });
  return { source, base64At, contentTypes };
}

/** Types API Gateway would never be asked to decode for: the function sends them as text anyway. */
function isTextMediaType(type: string): boolean {
  return type.startsWith('text/') || /^application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded)$/.test(type);
}

/** The REST APIs (deduplicated) whose AWS_PROXY methods invoke a function, each with one method to name. */
export function restApisServing(ctx: DoctorContext, functionLogicalId: string): RestFunctionMethod[] {
  const byApi = new Map<string, RestFunctionMethod>();
  for (const entry of ctx.restMethods()) {
    if (entry.proxy && entry.functionLogicalId === functionLogicalId && !byApi.has(entry.api.logicalId)) {
      byApi.set(entry.api.logicalId, entry);
    }
  }
  return [...byApi.values()];
}

/** Where the API's BinaryMediaTypes are written, or the API itself when it has none. */
export function binaryMediaTypesLocation(entry: RestFunctionMethod): FindingLocation {
  return locationOf(entry.api.binaryMediaTypesSource ?? entry.api.source);
}

/** `image/png` → `image~1png`: SAM's documented spelling (sam-resource-api.html#sam-api-binarymediatypes). */
export function samSpelling(mediaType: string): string {
  return mediaType.replaceAll('/', '~1');
}
