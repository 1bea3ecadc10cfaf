import { describe, expect, it } from 'vitest';
import type { Method, Resource } from '../../../src/model/rest-api.js';
import { matchResource } from '../../../src/pipeline/rest/route-request.js';

const source = { file: 't.yaml', line: 1, column: 1, keyPath: 'x' };
const method = (httpMethod: Method['httpMethod']): Method => ({
  httpMethod,
  integration: { type: 'AWS_PROXY', functionLogicalId: 'Fn', timeoutInMillis: 29000, source },
  source,
});
const resource = (path: string, ...methods: Method['httpMethod'][]): Resource => ({
  id: path,
  path,
  methods: methods.map(method),
});

describe('REST routing: which resource and method take a request', () => {
  // AWS (recorded, TestApigatewayRouting::test_routing_with_hardcoded_resource_sibling_order): a static
  // sibling beats a greedy sibling whatever the creation order.
  it('prefers a static resource over {proxy+}', () => {
    const resources = [resource('/part1/{proxy+}', 'GET'), resource('/part1/hardcoded-value', 'GET')];
    expect(matchResource(resources, '/part1/hardcoded-value', 'GET')?.resource.path).toBe('/part1/hardcoded-value');
    expect(matchResource(resources, '/part1/random-value', 'GET')?.resource.path).toBe('/part1/{proxy+}');
  });

  // AWS (recorded, test_proxy_routing_with_hardcoded_resource_sibling): OPTIONS /test went to /{proxy+}
  // OPTIONS while /test only had POST.
  it('falls back to a greedy sibling that defines the method', () => {
    const resources = [resource('/test', 'POST'), resource('/{proxy+}', 'OPTIONS')];
    expect(matchResource(resources, '/test', 'OPTIONS')?.resource.path).toBe('/{proxy+}');
    const none = matchResource(resources, '/test', 'GET');
    expect(none?.method).toBeUndefined();
  });

  it('prefers {param} over {proxy+} and passes raw values', () => {
    const resources = [resource('/{proxy+}', 'ANY'), resource('/items/{id}', 'GET')];
    // AWS (recorded): path parameters are not URL-decoded.
    expect(matchResource(resources, '/items/test%2Balias@gmail.com', 'GET')?.pathParameters).toEqual({
      id: 'test%2Balias@gmail.com',
    });
  });

  // AWS (recorded): {proxy+} receives the rest without a trailing slash, with inner `//` kept.
  it('captures the greedy remainder', () => {
    const resources = [resource('/{proxy+}', 'ANY')];
    expect(matchResource(resources, '/proxy-value/', 'GET')?.pathParameters).toEqual({ proxy: 'proxy-value' });
    expect(matchResource(resources, '/proxy-value//double-slash', 'GET')?.pathParameters).toEqual({
      proxy: 'proxy-value//double-slash',
    });
    expect(matchResource(resources, '/', 'GET')).toBeUndefined();
  });

  it('matches ANY for methods the resource does not define, and the root resource', () => {
    const resources = [resource('/', 'GET', 'ANY'), resource('/a', 'GET')];
    expect(matchResource(resources, '/', 'DELETE')?.method?.httpMethod).toBe('ANY');
    expect(matchResource(resources, '/', 'GET')?.method?.httpMethod).toBe('GET');
    expect(matchResource(resources, '/a/', 'GET')?.resource.path).toBe('/a');
    expect(matchResource(resources, '/a', 'POST')?.method).toBeUndefined();
    expect(matchResource(resources, '/b', 'GET')).toBeUndefined();
  });
});
