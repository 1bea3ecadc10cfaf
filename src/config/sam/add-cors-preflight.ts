import type { Method, MethodAuthorization, MockIntegration, Resource, RestApi } from '../../model/index.js';
import { methodAuthorizationOf } from './read-auth.js';
import type { RestApiSettings } from './read-rest-api.js';
import type { RestCorsSettings } from './read-rest-cors.js';

/**
 * What SAM does with `Cors` on an AWS::Serverless::Api: for every path of the definition that has methods and no
 * OPTIONS method of its own, an OPTIONS method with a MOCK integration answering the preflight.
 * samtranslator (swagger/swagger.py add_cors, _options_method_response_for_cors,
 * _make_cors_allowed_methods_for_path):
 * - the request template `{"statusCode" : 200}` selects the default integration response, status 200, whose
 *   template is `{}` and whose response parameters set Access-Control-Allow-Origin always, Allow-Headers,
 *   Allow-Methods and Max-Age when given, and Allow-Credentials `'true'` only when AllowCredentials is true;
 * - without AllowMethods, Allow-Methods lists the path's methods plus OPTIONS, upper case, deduplicated and
 *   sorted; a path with ANY lists OPTIONS, GET, HEAD, POST, PUT, DELETE, PATCH (sorted the same way).
 * SAM adds Cors before Auth (api_generator.py _construct_rest_api), so the preflight gets the DefaultAuthorizer
 * unless Auth.AddDefaultAuthorizerToCorsPreflight is false, and Auth.ApiKeyRequired unless
 * Auth.AddApiKeyRequiredToCorsPreflight is false (swagger.py set_path_default_authorizer,
 * set_path_default_apikey_required).
 */
export interface CorsPreflightOptions {
  readonly cors: RestCorsSettings;
  /** The authorization the preflight gets (the DefaultAuthorizer), if any. */
  readonly authorization?: MethodAuthorization;
  readonly apiKeyRequired: boolean;
}

/** The preflight of an AWS::Serverless::Api with Cors, with the Auth settings SAM applies to it. */
export function corsPreflightOf(settings: RestApiSettings | undefined): CorsPreflightOptions | undefined {
  const cors = settings?.cors;
  if (settings === undefined || cors === undefined) return undefined;
  const auth = settings.auth;
  const authorization =
    auth?.defaultAuthorizer !== undefined && auth.addDefaultAuthorizerToCorsPreflight
      ? methodAuthorizationOf(undefined, auth, cors.source)
      : undefined;
  return {
    cors,
    ...(authorization === undefined ? {} : { authorization }),
    apiKeyRequired: settings.apiKeyRequired && settings.addApiKeyRequiredToCorsPreflight,
  };
}

const allHttpMethods = ['OPTIONS', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'];

export function addCorsPreflight<Api extends Pick<RestApi, 'resources'>>(api: Api, options: CorsPreflightOptions): Api {
  const resources: Resource[] = api.resources.map((resource) => {
    if (resource.methods.length === 0 || resource.methods.some((m) => m.httpMethod === 'OPTIONS')) return resource;
    return { ...resource, methods: [...resource.methods, preflightMethod(resource, options)] };
  });
  return { ...api, resources };
}

/** Access-Control-Allow-Methods as SAM computes it when AllowMethods is not given. */
export function corsAllowedMethodsOf(resource: Resource): string {
  const declared = resource.methods.map((m) => m.httpMethod as string);
  const methods = declared.includes('ANY') ? allHttpMethods : [...declared, 'OPTIONS'];
  return [...new Set(methods.map((m) => m.toUpperCase()))].sort().join(',');
}

function preflightMethod(resource: Resource, options: CorsPreflightOptions): Method {
  const { cors } = options;
  const header = (name: string) => `method.response.header.${name}`;
  const parameters: Record<string, string> = { [header('Access-Control-Allow-Origin')]: cors.allowOrigin };
  if (cors.allowHeaders) parameters[header('Access-Control-Allow-Headers')] = cors.allowHeaders;
  parameters[header('Access-Control-Allow-Methods')] = cors.allowMethods ?? `'${corsAllowedMethodsOf(resource)}'`;
  if (cors.maxAge !== undefined) parameters[header('Access-Control-Max-Age')] = cors.maxAge;
  if (cors.allowCredentials) parameters[header('Access-Control-Allow-Credentials')] = "'true'";
  const source = cors.source;
  const integration: MockIntegration = {
    type: 'MOCK',
    requestTemplates: [{ contentType: 'application/json', template: '{\n  "statusCode" : 200\n}\n', source }],
    passthroughBehavior: 'WHEN_NO_MATCH',
    requestParameters: {},
    responses: [
      {
        statusCode: '200',
        responseParameters: parameters,
        responseTemplates: [{ contentType: 'application/json', template: '{}\n', source }],
        source,
      },
    ],
    timeoutInMillis: 29000,
    source,
  };
  return {
    httpMethod: 'OPTIONS',
    integration,
    methodResponses: [
      {
        statusCode: '200',
        responseParameters: Object.fromEntries(Object.keys(parameters).map((key) => [key, false])),
        source,
      },
    ],
    ...(options.apiKeyRequired ? { apiKeyRequired: true } : {}),
    ...(options.authorization === undefined ? {} : { authorization: options.authorization }),
    source,
  };
}
