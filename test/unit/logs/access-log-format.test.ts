import { describe, expect, it } from 'vitest';
import { formatAccessLog } from '../../../src/logs/access-log-format.js';

// AWS: a stage's AccessLogSetting.Format is one line with $context variables; a variable without a value is
// written as `-`, and values are inserted as they are (set-up-logging.html, api-gateway-variables-for-access-logging.html).
const variables = {
  requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
  'identity.sourceIp': '192.0.2.10',
  requestTime: '25/Nov/2026:17:12:00 +0000',
  httpMethod: 'GET',
  resourcePath: '/items/{id}',
  path: '/prod/items/7',
  status: 502,
  protocol: 'HTTP/1.1',
  responseLength: 36,
  'error.message': 'Internal server error',
  'error.messageString': '"Internal server error"',
  integrationErrorMessage: undefined,
  'integration.status': 200,
};

describe('access-log Format', () => {
  it('fills a JSON format; messageString carries its own quotes', () => {
    // Prepare
    const format = '{"requestId":"$context.requestId","status":"$context.status","error":$context.error.messageString}';
    // Act
    const line = formatAccessLog(format, variables);
    // Assess
    expect(JSON.parse(line)).toEqual({
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      status: '502',
      error: 'Internal server error',
    });
  });

  it('fills a CLF format, writing - for a variable without a value', () => {
    const format =
      '$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod $context.resourcePath $context.protocol" $context.status $context.responseLength $context.requestId $context.integrationErrorMessage';
    expect(formatAccessLog(format, variables)).toBe(
      '192.0.2.10 - - [25/Nov/2026:17:12:00 +0000] "GET /items/{id} HTTP/1.1" 502 36 c6af9ac6-7b61-11e6-9a41-93e8deadbeef -',
    );
  });

  it('matches the longest known dotted name and keeps what follows it', () => {
    expect(formatAccessLog('$context.integration.status/$context.status.', variables)).toBe('200/502.');
    expect(formatAccessLog('[$context.path]', variables)).toBe('[/prod/items/7]');
  });

  it('writes - for variables gatehouse does not know (authorizer claims, WAF, ...)', () => {
    expect(formatAccessLog('$context.authorizer.claims.sub $context.waf.error', variables)).toBe('- -');
  });

  it('leaves text that is not a $context variable alone', () => {
    expect(formatAccessLog('$input.path $context $stageVariables.x', variables)).toBe('$input.path $context $stageVariables.x');
  });
});
