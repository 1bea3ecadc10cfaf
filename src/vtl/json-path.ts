/**
 * The JSONPath subset API Gateway templates use in `$input.path()` / `$input.json()` and in
 * `integration.response.body.<path>` mappings: `$`, `.name`, `['name']`, `[0]`, `[*]` and `.*`.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html#input-variable-reference
 */

type Step =
  | { readonly kind: 'key'; readonly key: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'all' };

export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}

export function parseJsonPath(path: string): Step[] {
  const text = path.trim();
  if (!text.startsWith('$')) throw new JsonPathError(`JSONPath ${JSON.stringify(path)} must start with $`);
  const steps: Step[] = [];
  let i = 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      if (text[i + 1] === '*') {
        steps.push({ kind: 'all' });
        i += 2;
        continue;
      }
      const match = /^[^.[\]]+/.exec(text.slice(i + 1));
      if (!match) throw new JsonPathError(`JSONPath ${JSON.stringify(path)}: a name must follow "." at ${i}`);
      steps.push({ kind: 'key', key: match[0] });
      i += 1 + match[0].length;
    } else if (c === '[') {
      const close = text.indexOf(']', i);
      if (close === -1) throw new JsonPathError(`JSONPath ${JSON.stringify(path)}: "[" without "]"`);
      const inner = text.slice(i + 1, close).trim();
      if (inner === '*') steps.push({ kind: 'all' });
      else if (/^-?\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (/^'.*'$|^".*"$/.test(inner)) steps.push({ kind: 'key', key: inner.slice(1, -1) });
      else throw new JsonPathError(`JSONPath ${JSON.stringify(path)}: unsupported selector [${inner}]`);
      i = close + 1;
    } else {
      throw new JsonPathError(`JSONPath ${JSON.stringify(path)}: unexpected ${JSON.stringify(c)} at ${i}`);
    }
  }
  return steps;
}

/** The value at `path`, or undefined when nothing is there. A wildcard gives a list. */
export function selectJsonPath(root: unknown, path: string): unknown {
  let current: unknown[] = [root];
  let many = false;
  for (const step of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step.kind === 'all') {
        many = true;
        if (Array.isArray(value)) next.push(...value);
        else if (value !== null && typeof value === 'object') next.push(...Object.values(value));
      } else if (step.kind === 'index') {
        if (Array.isArray(value)) {
          const item = value[step.index < 0 ? value.length + step.index : step.index];
          if (item !== undefined) next.push(item);
        }
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, step.key)) {
        next.push((value as Record<string, unknown>)[step.key]);
      }
    }
    current = next;
  }
  if (many) return current;
  return current[0];
}
