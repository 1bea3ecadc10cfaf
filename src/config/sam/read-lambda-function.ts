import * as path from 'node:path';
import type { FunctionSpec } from '../../model/index.js';
import { TemplateError } from '../template-error.js';
import type { IntrinsicResolver, TemplateResource } from './intrinsics.js';
import { lambdaFunctionProperties } from './known-http-properties.js';
import { checkKnownKeys } from './known-properties.js';
import { PropertyReader } from './property-reader.js';
import { readEnvironment } from './read-environment.js';
import type { MapNode } from './template-node.js';

/**
 * A plain `AWS::Lambda::Function`, read only when an HTTP API integration calls it, and only when its code is a
 * local folder: `Code: ./src` (as `aws cloudformation package` and `sam package` take it) or a CDK asset
 * (`Metadata: { aws:asset:path: asset.<hash>, aws:asset:property: Code }` in cdk.out, which SAM CLI reads too).
 * AWS: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html
 */
export function readLambdaFunction(
  resource: TemplateResource,
  resolver: IntrinsicResolver,
  functionName: string,
  templateDir: string,
): FunctionSpec {
  const raw = resource.node.entries.get('Properties');
  if (raw?.kind !== 'map') throw new TemplateError(resource.node.ref, 'Properties with Code, Runtime and Handler are required');
  checkKnownKeys(raw, lambdaFunctionProperties, 'AWS::Lambda::Function');
  const props = new PropertyReader(resolver, raw);
  if (props.string('PackageType') === 'Image') {
    throw new TemplateError(
      props.refOf('PackageType'),
      'container image functions (PackageType: Image) are not run by gatehouse',
    );
  }
  const reservedConcurrency = props.integer('ReservedConcurrentExecutions', {
    what: 'a number of concurrent executions',
    min: 0,
    max: 1_000_000,
  });
  return {
    logicalId: resource.logicalId,
    functionName,
    runtime: props.requiredString('Runtime', 'nodejs20.x', raw.ref),
    handler: props.requiredString('Handler', 'index.handler', raw.ref),
    codeUri: readCodeFolder(resource, props, raw, templateDir),
    // AWS: Timeout 1..900 s, default 3; MemorySize 128..10240 MB, default 128 (API_CreateFunction.html).
    timeoutSeconds: props.integer('Timeout', { what: 'a number of seconds', min: 1, max: 900, unit: 'seconds' }) ?? 3,
    memorySizeMb: props.integer('MemorySize', { what: 'a number of megabytes', min: 128, max: 10240, unit: 'MB' }) ?? 128,
    environment: readEnvironment(props),
    architecture: readArchitecture(props),
    source: resource.node.ref,
    ...(reservedConcurrency === undefined ? {} : { reservedConcurrency }),
  };
}

function readCodeFolder(resource: TemplateResource, props: PropertyReader, properties: MapNode, templateDir: string): string {
  const code = props.node('Code');
  const fix = 'gatehouse runs local code: write Code: <a folder relative to the template>, e.g. Code: ./src';
  if (code === undefined) throw new TemplateError(properties.ref, `Code is required; ${fix}`);
  if (code.kind === 'map') {
    const asset = cdkAssetPath(resource);
    if (asset !== undefined) return path.resolve(templateDir, asset);
    const kind = code.entries.has('ZipFile')
      ? 'inline ZipFile code, which is not run yet'
      : code.entries.has('ImageUri')
        ? 'a container image'
        : 'an S3 object';
    throw new TemplateError(
      code.ref,
      `Code is ${kind}; ${fix} (a CDK template in cdk.out names its local folder in aws:asset:path)`,
    );
  }
  const folder = props.string('Code') ?? '.';
  if (/^s3:\/\//i.test(folder)) throw new TemplateError(code.ref, `Code ${folder} is an S3 location; ${fix}`);
  return path.resolve(templateDir, folder);
}

/** CDK marks the local folder of a function's code in the resource's Metadata. */
function cdkAssetPath(resource: TemplateResource): string | undefined {
  const metadata = resource.node.entries.get('Metadata');
  if (metadata?.kind !== 'map') return undefined;
  const assetPath = metadata.entries.get('aws:asset:path');
  const property = metadata.entries.get('aws:asset:property');
  if (assetPath?.kind !== 'scalar' || typeof assetPath.value !== 'string') return undefined;
  if (property !== undefined && !(property.kind === 'scalar' && property.value === 'Code')) return undefined;
  return assetPath.value;
}

function readArchitecture(props: PropertyReader): 'x86_64' | 'arm64' {
  const list = props.stringList('Architectures');
  if (list === undefined) return 'x86_64';
  const [only] = list.values;
  if (list.values.length !== 1 || (only !== 'x86_64' && only !== 'arm64')) {
    throw new TemplateError(list.ref, `Architectures must list exactly one of x86_64 or arm64, got [${list.values.join(', ')}]`);
  }
  return only;
}
