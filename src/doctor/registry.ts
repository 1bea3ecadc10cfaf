import type { Check } from './check.js';
import { binaryMediaTypeBrowserAccept } from './checks/binary-media-type-browser-accept.js';
import { binaryMediaTypeMissing } from './checks/binary-media-type-missing.js';
import { binaryMediaTypesWildcard } from './checks/binary-media-types-wildcard.js';
import { corsPreflightMissing } from './checks/cors-preflight-missing.js';
import { handlerExportMissing } from './checks/handler-export-missing.js';
import { handlerNotFound } from './checks/handler-not-found.js';
import { integrationTimeout } from './checks/integration-timeout.js';
import { notEmulated } from './checks/not-emulated.js';
import { packageJsonAboveCodeUri } from './checks/package-json-above-code-uri.js';
import { proxyBodyObject } from './checks/proxy-body-object.js';
import { proxyCookiesRest } from './checks/proxy-cookies-rest.js';
import { proxyMappingTemplate } from './checks/proxy-mapping-template.js';
import { typescriptHandlerWithoutBuild } from './checks/typescript-handler-without-build.js';
import type { RuleSpec } from './finding.js';

/** Every static check, in the order their findings are listed (template first, then handlers). */
export const checks: readonly Check[] = [
  binaryMediaTypeMissing,
  binaryMediaTypeBrowserAccept,
  binaryMediaTypesWildcard,
  proxyMappingTemplate,
  integrationTimeout,
  corsPreflightMissing,
  handlerNotFound,
  handlerExportMissing,
  typescriptHandlerWithoutBuild,
  proxyBodyObject,
  proxyCookiesRest,
  packageJsonAboveCodeUri,
  notEmulated,
];

/**
 * The template cannot be read into a model (unknown or misspelled key, wrong type, bad YAML): gatehouse's
 * loader names the key, line and a did-you-mean; no other static check can run.
 */
export const templateErrorRule: RuleSpec = {
  id: 'template-error',
  title: 'The template cannot be served as written (unsupported or misspelled key, wrong value, invalid YAML)',
  severity: 'error',
  docs: 'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-resources-and-properties.html',
};

export const staticRules: readonly RuleSpec[] = [templateErrorRule, ...checks.map((check) => check.rule)];
