import { describe, expect, it } from 'vitest';
import { loadSamTemplate, TemplateError } from '../../../src/config/index.js';
import { fixtureTemplate } from '../../support/fixture-gateway.js';
import { relativeTemplate } from './fixtures.js';

// SAM Auth.ApiKeyRequired / Auth.UsagePlan, AWS::ApiGateway::ApiKey / UsagePlan / UsagePlanKey, RequestParameters
// with Caching, MethodSettings. Docs: sam-property-api-apiauth.html, sam-property-api-apiusageplan.html,
// sam-property-function-requestparameter.html, aws-resource-apigateway-{apikey,usageplan,usageplankey}.html.
describe('API keys, usage plans and cache keys from a SAM template', () => {
  it('reads keys, plans, their links, the methods that need a key and the cache keys', async () => {
    const model = await loadSamTemplate(fixtureTemplate('stage-settings'));
    expect(model.apiKeys?.map((k) => [k.logicalId, k.enabled, k.generated])).toEqual([
      ['KeyedApiApiKey', true, true],
      ['FixedKey', true, false],
      ['DisabledKey', false, false],
      ['LonelyKey', true, false],
    ]);
    expect(
      model.usagePlans?.map((p) => [p.logicalId, p.apiStages.map((s) => `${s.restApiLogicalId}/${s.stage}`), p.apiKeyLogicalIds]),
    ).toEqual([
      ['KeyedApiUsagePlan', ['KeyedApi/keyed'], ['KeyedApiApiKey']],
      ['TightPlan', ['KeyedApi/keyed'], ['FixedKey', 'DisabledKey']],
    ]);
    const keyed = model.restApis.find((a) => a.logicalId === 'KeyedApi');
    expect(keyed?.resources.flatMap((r) => r.methods.map((m) => [r.path, m.apiKeyRequired]))).toEqual([
      ['/data', true],
      ['/open', false],
    ]);
    const users = model.restApis.find((a) => a.logicalId === 'CachedApi')?.resources.find((r) => r.path === '/users');
    expect(users?.methods[0]?.cacheKeyParameters).toEqual(['method.request.querystring.type']);
    // The generated key value is stable from run to run (it is printed at start-up).
    const again = await loadSamTemplate(fixtureTemplate('stage-settings'));
    expect(again.apiKeys?.[0]?.value).toBe(model.apiKeys?.[0]?.value);
    expect(model.apiKeys?.[0]?.value).toMatch(/^[a-z0-9]{40}$/);
  });

  it.each([
    [
      'api-key-value-too-short.yaml',
      ':13:7 Resources.ShortKey.Properties.Value: an API key Value must be at least 20 characters, got 9',
    ],
    [
      'request-parameter-name.yaml',
      ':16:17 Resources.Fn.Properties.Events.Get.Properties.RequestParameters[0].querystring.type: request parameter "querystring.type" must be method.request.header.<name>, method.request.querystring.<name> or method.request.path.<name>',
    ],
    [
      'usage-plan-unknown-api.yaml',
      ':13:11 Resources.Plan.Properties.ApiStages[0].ApiId: ApiId "not-an-api" is no REST API of this template; write ApiId: !Ref <an AWS::Serverless::Api>',
    ],
  ])('%s stops with file:line and the fix', async (fixture, expected) => {
    const error = await loadSamTemplate(relativeTemplate(`errors/${fixture}`)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemplateError);
    expect(String(error)).toBe(`${relativeTemplate(`errors/${fixture}`)}${expected}`);
  });
});
