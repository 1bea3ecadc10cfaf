/**
 * MOCK integrations call nothing: the request mapping template's output names the status the "endpoint"
 * answers with (`{"statusCode": 200}`), which then selects the integration response.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 * Without a template, or without a numeric statusCode, the status is 200 (inferred: the documented examples
 * always set it; a MOCK method without any template answers 200 in the console's CORS setup).
 */
export function mockEndpointStatus(templateOutput: string): number {
  try {
    const parsed: unknown = JSON.parse(templateOutput);
    if (parsed !== null && typeof parsed === 'object' && 'statusCode' in parsed) {
      const status = Number((parsed as { statusCode: unknown }).statusCode);
      if (Number.isInteger(status) && status >= 100 && status <= 599) return status;
    }
  } catch {
    // not JSON: 200
  }
  return 200;
}
