import { createHash } from 'node:crypto';

/**
 * Ids that look like API Gateway's (lowercase letters and digits) and stay the same from run to run, so URLs,
 * logs and `requestContext.apiId` / `resourceId` do not change when the template is reloaded.
 */
export function stableId(seed: string, length: number): string {
  const digest = createHash('sha256').update(seed).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let id = '';
  for (let i = 0; i < length; i++) id += alphabet[(digest[i] ?? 0) % alphabet.length];
  return id;
}

/** RestApi id (10 characters) for a logical id, e.g. `ServerlessRestApi`. */
export function restApiIdFor(logicalId: string): string {
  return stableId(`restapi:${logicalId}`, 10);
}

/** Resource id (6 characters) for a path of an API; the API is part of the seed so ids differ between APIs. */
export function resourceIdFor(restApiLogicalId: string, path: string): string {
  return stableId(`resource:${restApiLogicalId}:${path}`, 6);
}

/** HTTP API id (10 characters) for a logical id, e.g. `ServerlessHttpApi`; `!Ref` of the API gives it. */
export function httpApiIdFor(logicalId: string): string {
  return stableId(`httpapi:${logicalId}`, 10);
}

/** Integration id (7 characters, as API Gateway v2 shows them) for an `AWS::ApiGatewayV2::Integration`. */
export function integrationIdFor(logicalId: string): string {
  return stableId(`integration:${logicalId}`, 7);
}
