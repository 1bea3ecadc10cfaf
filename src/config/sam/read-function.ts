import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { FunctionSpec, IgnoredResource, SourceRef } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { checkKnownKeys, eventKeys, functionProperties } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { type ApiRoute, readApiEvent } from './read-api-event.js';
import { readEnvironment } from './read-environment.js';
import { type PendingHttpRoute, readHttpApiEvent } from './read-http-api-event.js';
import { toPlain } from './resolved-value.js';
import { describeNode, type MapNode } from './template-node.js';

/**
 * `AWS::Serverless::Function` → FunctionSpec and the routes of its `Api` and `HttpApi` events.
 * AWS: https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html
 */
export interface FunctionInput {
  readonly resource: TemplateResource;
  /** Properties with Globals.Function merged in. */
  readonly properties: MapNode;
  readonly functionName: string;
  readonly resolver: IntrinsicResolver;
  readonly templateDir: string;
  readonly resources: ReadonlyMap<string, TemplateResource>;
  readonly restApiIdOf: (logicalId: string) => string;
}

/** Code given with InlineCode, to be written where `spec.codeUri` points before the function runs. */
export interface InlineCode {
  readonly directory: string;
  readonly fileName: string;
  readonly code: string;
}

export type FunctionResult =
  | {
      readonly kind: 'function';
      readonly spec: FunctionSpec;
      readonly routes: readonly ApiRoute[];
      readonly httpRoutes: readonly PendingHttpRoute[];
      readonly ignored: readonly IgnoredResource[];
      readonly inlineCode?: InlineCode;
    }
  | { readonly kind: 'ignored'; readonly ignored: IgnoredResource };

export function readFunction(input: FunctionInput): FunctionResult {
  const { resource, properties, resolver } = input;
  checkKnownKeys(properties, functionProperties, 'AWS::Serverless::Function');
  const props = new PropertyReader(resolver, properties);
  const events = readEvents(input, props);
  if (props.string('PackageType') === 'Image') {
    if (events.routes.length > 0 || events.httpRoutes.length > 0) {
      throw new TemplateError(
        props.refOf('PackageType'),
        'container image functions (PackageType: Image) cannot serve Api or HttpApi events in gatehouse yet; use a Zip function with Runtime, Handler and CodeUri',
      );
    }
    const reason = 'PackageType Image: container images are not run';
    return {
      kind: 'ignored',
      ignored: { logicalId: resource.logicalId, type: resource.type, reason, source: resource.node.ref },
    };
  }
  const runtime = props.requiredString('Runtime', 'nodejs20.x', properties.ref);
  const handler = props.requiredString('Handler', 'app.handler', properties.ref);
  const code = readCode(input, props, runtime);
  const architectures = props.stringList('Architectures');
  const architecture = readArchitecture(architectures);
  const reservedConcurrency = props.integer('ReservedConcurrentExecutions', {
    what: 'a number of concurrent executions',
    min: 0,
    max: 1_000_000,
  });
  const metadata = readMetadata(input);
  const spec: FunctionSpec = {
    logicalId: resource.logicalId,
    functionName: input.functionName,
    runtime,
    handler,
    codeUri: code.codeUri,
    // AWS: Timeout 1..900 s, default 3; MemorySize 128..10240 MB, default 128 (API_CreateFunction.html).
    timeoutSeconds: props.integer('Timeout', { what: 'a number of seconds', min: 1, max: 900, unit: 'seconds' }) ?? 3,
    memorySizeMb: props.integer('MemorySize', { what: 'a number of megabytes', min: 128, max: 10240, unit: 'MB' }) ?? 128,
    environment: readEnvironment(props),
    architecture,
    source: resource.node.ref,
    ...(reservedConcurrency === undefined ? {} : { reservedConcurrency }),
    ...metadata,
  };
  return {
    kind: 'function',
    spec,
    routes: events.routes,
    httpRoutes: events.httpRoutes,
    ignored: events.ignored,
    ...(code.inline === undefined ? {} : { inlineCode: code.inline }),
  };
}

function readEvents(input: FunctionInput, props: PropertyReader) {
  const routes: ApiRoute[] = [];
  const httpRoutes: PendingHttpRoute[] = [];
  const ignored: IgnoredResource[] = [];
  const events = props.mapAt('Events');
  for (const [name, raw] of events?.entries ?? []) {
    const event = input.resolver.resolveTop(raw);
    if (typeof event === 'symbol') continue;
    if (event.kind !== 'map')
      throw new TemplateError(raw.ref, `an event must be a map with Type and Properties, got ${describeNode(event)}`);
    checkKnownKeys(event, eventKeys, 'an event');
    const eventProps = new PropertyReader(input.resolver, event);
    const type = eventProps.requiredString('Type', 'Api', event.ref);
    if (type === 'Api') {
      const properties = eventProps.mapAt('Properties');
      if (properties === undefined) throw new TemplateError(event.ref, 'an Api event needs Properties with Path and Method');
      routes.push(
        readApiEvent({
          functionLogicalId: input.resource.logicalId,
          eventRef: event.ref,
          properties,
          resolver: input.resolver,
          resources: input.resources,
          restApiIdOf: input.restApiIdOf,
        }),
      );
    } else if (type === 'HttpApi') {
      const http = readHttpApiEvent({
        functionLogicalId: input.resource.logicalId,
        eventName: name,
        eventRef: event.ref,
        properties: eventProps.mapAt('Properties'),
        resolver: input.resolver,
        resources: input.resources,
      });
      httpRoutes.push(http.pending);
      ignored.push(...http.ignored);
    } else {
      ignored.push({
        logicalId: `${input.resource.logicalId}.Events.${name}`,
        type,
        reason: `${type} events are not emulated; only Api and HttpApi events are served`,
        source: event.ref,
      });
    }
  }
  return { routes, httpRoutes, ignored };
}

function readCode(input: FunctionInput, props: PropertyReader, runtime: string): { codeUri: string; inline?: InlineCode } {
  const inlineCode = props.string('InlineCode');
  const codeUri = props.node('CodeUri');
  if (inlineCode !== undefined && codeUri !== undefined) {
    throw new TemplateError(props.refOf('InlineCode'), 'set either CodeUri or InlineCode, not both');
  }
  if (inlineCode !== undefined) return inlineCodeFor(input, runtime, inlineCode, props.refOf('InlineCode'));
  if (codeUri === undefined) return { codeUri: input.templateDir }; // SAM CLI reads the template's folder.
  const localFix = 'gatehouse runs local code: set CodeUri to a folder relative to the template, e.g. CodeUri: src/';
  if (codeUri.kind === 'map') throw new TemplateError(codeUri.ref, `CodeUri points to an S3 object; ${localFix}`);
  const uri = props.string('CodeUri') ?? '.';
  if (/^s3:\/\//i.test(uri)) throw new TemplateError(codeUri.ref, `CodeUri ${uri} is an S3 location; ${localFix}`);
  return { codeUri: path.resolve(input.templateDir, uri) };
}

function inlineCodeFor(input: FunctionInput, runtime: string, code: string, at: SourceRef) {
  // AWS: inline (ZipFile) code is written to a file named index (index.js / index.py) in the task root.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-code.html
  const fileName = runtime.startsWith('nodejs') ? 'index.js' : runtime.startsWith('python') ? 'index.py' : undefined;
  if (fileName === undefined) {
    throw new TemplateError(at, `InlineCode works with Node.js and Python runtimes only, not ${runtime}; use CodeUri`);
  }
  const digest = createHash('sha256').update(`${input.templateDir}\0${input.resource.logicalId}\0${code}`).digest('hex');
  const directory = path.join(tmpdir(), 'gatehouse-inline-code', digest.slice(0, 16));
  return { codeUri: directory, inline: { directory, fileName, code } };
}

function readArchitecture(architectures: { values: string[]; ref: SourceRef } | undefined): 'x86_64' | 'arm64' {
  if (architectures === undefined) return 'x86_64';
  const [only] = architectures.values;
  // AWS: exactly one architecture. Globals lists are prepended (SAM's merge rule), so setting Architectures
  // both in Globals.Function and on the function yields two entries and a failed deployment.
  if (architectures.values.length !== 1 || (only !== 'x86_64' && only !== 'arm64')) {
    throw new TemplateError(
      architectures.ref,
      `Architectures must list exactly one of x86_64 or arm64, got [${architectures.values.join(', ')}] (lists in Globals are added to the function's own list)`,
    );
  }
  return only;
}

function readMetadata(input: FunctionInput): { buildMethod?: string; buildProperties?: Record<string, unknown> } {
  const metadataNode = input.resource.node.entries.get('Metadata');
  if (metadataNode === undefined || metadataNode.kind !== 'map') return {};
  const metadata = new PropertyReader(input.resolver, metadataNode);
  const buildMethod = metadata.string('BuildMethod');
  const buildProperties = metadata.value('BuildProperties');
  if (buildProperties !== undefined && buildProperties.kind !== 'map') {
    throw new TemplateError(buildProperties.ref, `BuildProperties must be a map, got ${describeNode(buildProperties)}`);
  }
  return {
    ...(buildMethod === undefined ? {} : { buildMethod }),
    ...(buildProperties === undefined ? {} : { buildProperties: toPlain(buildProperties) as Record<string, unknown> }),
  };
}
