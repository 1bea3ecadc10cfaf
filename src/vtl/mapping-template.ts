/**
 * Rendering one mapping template with API Gateway's variables, and choosing which template applies.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings.html
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 */
import type { MappingTemplate } from '../model/integration.js';
import type { SourceRef } from '../model/source-ref.js';
import { createInputVariable, type MethodRequestParams } from './input-variable.js';
import { createUtilVariable } from './util-variable.js';
import { compileTemplate, type TemplatePosition, VelocityError } from './velocity-engine.js';

export interface TemplateVariables {
  /** The payload the template transforms, as text. */
  readonly payload: string;
  readonly params: MethodRequestParams;
  /** `$context`: mutable, so `$context.responseOverride.status` set by a template can be read back. */
  readonly context: Record<string, unknown>;
  readonly stageVariables: Readonly<Record<string, string>>;
}

export interface RenderedTemplate {
  readonly output: string;
  /** False when the template never looked at the payload ($input.body, $input.json, $input.path). */
  readonly readPayload: boolean;
}

/** A template that cannot be parsed or fails while rendering; AWS answers 500. */
export class MappingTemplateError extends Error {
  override readonly name = 'MappingTemplateError';
  constructor(
    readonly template: MappingTemplate,
    readonly reason: string,
    readonly position: TemplatePosition | undefined,
    /** The place in the user's file, as close to the failing line as known. */
    readonly at: SourceRef,
    options?: ErrorOptions,
  ) {
    super(`${template.contentType} template${position ? ` line ${position.line}` : ''}: ${reason}`, options);
  }
}

const compiled = new Map<string, ReturnType<typeof compileTemplate>>();

export function renderMappingTemplate(template: MappingTemplate, variables: TemplateVariables): RenderedTemplate {
  const reads = { read: false };
  try {
    let engine = compiled.get(template.template);
    if (engine === undefined) {
      engine = compileTemplate(template.template);
      if (compiled.size > 500) compiled.clear();
      compiled.set(template.template, engine);
    }
    const output = engine.render({
      input: createInputVariable(variables.payload, variables.params, reads),
      util: createUtilVariable(),
      context: variables.context,
      stageVariables: { ...variables.stageVariables },
    });
    return { output, readPayload: reads.read };
  } catch (error) {
    const position = error instanceof VelocityError ? error.position : undefined;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MappingTemplateError(template, reason, position, templateLineRef(template, position), { cause: error });
  }
}

/**
 * The file position of a template line. A template written as a YAML block (`|`) starts on the line after its
 * key; a one-line string (JSON templates, CDK output) sits on the key's line.
 */
export function templateLineRef(template: MappingTemplate, position: TemplatePosition | undefined): SourceRef {
  const { source } = template;
  if (position === undefined || source.line === 0) return source;
  const multiLine = template.template.includes('\n');
  const line = multiLine ? source.line + position.line : source.line;
  return {
    ...source,
    line,
    column: multiLine ? position.column : source.column,
    keyPath: `${source.keyPath} (template line ${position.line})`,
  };
}

/** The media type of a Content-Type or Accept value, without parameters, lower-cased. */
function mediaType(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** The template whose key is the request's Content-Type (absent: application/json, documented). */
export function findTemplate(
  templates: readonly MappingTemplate[],
  contentType: string | undefined,
): MappingTemplate | undefined {
  const wanted = mediaType(contentType ?? 'application/json');
  return templates.find((t) => mediaType(t.contentType) === wanted);
}

/**
 * The response template for the request's Accept: AWS (documented, request-response-data-mappings.html): the
 * template of the first Accept type that has one; absent Accept is application/json; no match → the first
 * template defined.
 */
export function selectResponseTemplate(
  templates: readonly MappingTemplate[],
  accept: string | undefined,
): MappingTemplate | undefined {
  if (templates.length === 0) return undefined;
  const types = (accept === undefined || accept.trim() === '' ? 'application/json' : accept).split(',').map(mediaType);
  for (const type of types) {
    const found = templates.find((t) => mediaType(t.contentType) === type);
    if (found) return found;
  }
  return templates[0];
}
