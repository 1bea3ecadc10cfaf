/**
 * The endpoint URL of an HTTP / HTTP_PROXY integration for one request: `${stageVariables.x}` replaced by the
 * stage's variables (documented, aws-api-gateway-stage-variables-reference.html), `{name}` path placeholders
 * by the mapped `integration.request.path.name` values.
 */
export interface EndpointUrlInput {
  readonly uri: string;
  readonly stageVariables: Readonly<Record<string, string>>;
  readonly pathValues: Readonly<Record<string, string>>;
}

export function resolveEndpointUrl(input: EndpointUrlInput): { url: string; missing: string[] } {
  const missing: string[] = [];
  const withVariables = input.uri.replace(/\$\{stageVariables\.([A-Za-z0-9_]+)\}/g, (_whole, name: string) => {
    const value = input.stageVariables[name];
    if (value === undefined) missing.push(`stageVariables.${name}`);
    return value ?? '';
  });
  const url = withVariables.replace(/\{([A-Za-z0-9._-]+)\+?\}/g, (whole, name: string) => {
    const value = input.pathValues[name];
    if (value === undefined) {
      missing.push(`integration.request.path.${name}`);
      return whole;
    }
    // A greedy value keeps its slashes; each segment is sent percent-encoded.
    return value.split('/').map(encodeURIComponent).join('/');
  });
  return { url, missing };
}
