/**
 * Apache Velocity as API Gateway runs it, on velocityjs (a maintained JavaScript port of Velocity 1.7) with
 * the Java behaviour API Gateway templates rely on put back:
 * - a null reference writes nothing. Plain Velocity writes the reference's text (`$foo`); API Gateway's
 *   templates write nothing for `$input.path('$.missing')` (recorded, test_input_path_template_formatting);
 *   gatehouse applies the same to every null reference (inferred: AWS's documented examples rely on
 *   `"$context.authorizer.x"` giving `""` when there is no authorizer);
 * - values render with Java's toString (java-values.ts), JSON lists as JSON;
 * - `==` compares like Velocity 1.7, and `#if` is false only for null and false;
 * - Java String methods templates call (`length()`, `replaceAll()`, `contains()`, ...).
 * https://velocity.apache.org/engine/1.7/user-guide.html
 */
import { createRequire } from 'node:module';
import type * as Velocity from 'velocityjs';
import { isVelocityTrue, javaString, renderValue, velocityEquals } from './java-values.js';

/** Where a template failed: 1-based line and column inside the template text. */
export interface TemplatePosition {
  readonly line: number;
  readonly column: number;
}

export class VelocityError extends Error {
  override readonly name = 'VelocityError';
  constructor(
    message: string,
    readonly position: TemplatePosition | undefined,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

interface AstLike {
  readonly type?: string;
  readonly operator?: string;
  readonly expression?: readonly AstLike[];
  readonly condition?: AstLike;
}

type MethodPayload = { property: string; context: unknown; params: unknown[] };

/** Java String methods, for templates such as `$input.path('$.name').length()`. */
const stringMethods: Readonly<Record<string, (s: string, args: unknown[]) => unknown>> = {
  length: (s) => s.length,
  isEmpty: (s) => s.length === 0,
  contains: (s, [x]) => s.includes(javaString(x)),
  startsWith: (s, [x]) => s.startsWith(javaString(x)),
  endsWith: (s, [x]) => s.endsWith(javaString(x)),
  equals: (s, [x]) => s === x,
  equalsIgnoreCase: (s, [x]) => s.toLowerCase() === javaString(x).toLowerCase(),
  indexOf: (s, [x]) => s.indexOf(javaString(x)),
  substring: (s, [from, to]) => s.substring(Number(from), to === undefined ? undefined : Number(to)),
  toLowerCase: (s) => s.toLowerCase(),
  toUpperCase: (s) => s.toUpperCase(),
  trim: (s) => s.trim(),
  replace: (s, [a, b]) => s.split(javaString(a)).join(javaString(b)),
  replaceAll: (s, [a, b]) => s.replace(new RegExp(javaString(a), 'g'), javaString(b).replace(/\$(\d)/g, '$$$1')),
  matches: (s, [a]) => new RegExp(`^(?:${javaString(a)})$`).test(s),
  split: (s, [a]) => s.split(new RegExp(javaString(a))),
  charAt: (s, [i]) => s.charAt(Number(i)),
  toString: (s: string) => s,
};

const stringHandler = {
  uid: 'gatehouse: java.lang.String',
  match: ({ property, context }: MethodPayload) => typeof context === 'string' && Object.hasOwn(stringMethods, property),
  resolve: ({ property, context, params }: MethodPayload) => stringMethods[property]?.(context as string, params),
};

// velocityjs is loaded on first use: most APIs have no mapping template, and start-up should not pay for it.
const requireModule = createRequire(import.meta.url);
let awsVelocityClass: ReturnType<typeof defineAwsVelocity> | undefined;
let velocityModule: typeof Velocity | undefined;

function velocityjs(): typeof Velocity {
  velocityModule ??= requireModule('velocityjs') as typeof Velocity;
  return velocityModule;
}

function awsVelocity(): ReturnType<typeof defineAwsVelocity> {
  awsVelocityClass ??= defineAwsVelocity(velocityjs().Compile);
  return awsVelocityClass;
}

function defineAwsVelocity(Compile: typeof Velocity.Compile) {
  return class AwsVelocity extends Compile {
    protected override getReferences(ast: never, isVal?: boolean): string {
      const value: unknown = super.getReferences(ast, false);
      if (!isVal) return value as string;
      return renderValue(value);
    }

    protected override getExpression(ast: never): string {
      const node = ast as AstLike;
      const [left, right] = node.expression ?? [];
      const evaluate = (item: AstLike | undefined): unknown =>
        item === undefined ? undefined : super.getExpression(item as never);
      switch (node.type === 'math' ? node.operator : undefined) {
        case '==':
          return velocityEquals(evaluate(left), evaluate(right)) as never;
        case '!=':
          return !velocityEquals(evaluate(left), evaluate(right)) as never;
        case 'not':
          return !isVelocityTrue(evaluate(left)) as never;
        case '&&':
          return (isVelocityTrue(evaluate(left)) && isVelocityTrue(evaluate(right))) as never;
        case '||':
          return (isVelocityTrue(evaluate(left)) || isVelocityTrue(evaluate(right))) as never;
        default:
          return super.getExpression(ast);
      }
    }

    /** `#if` / `#elseif` with Velocity's truth (velocityjs uses JavaScript's, where "" and 0 are false). */
    getBlockIf(block: readonly (AstLike & { type: string })[]): string {
      let received = false;
      const asts: unknown[] = [];
      for (const ast of block) {
        const hasCondition = ast.type === 'elseif' || ast.type === 'if';
        if (!(hasCondition || ast.type === 'else')) {
          if (received) asts.push(ast);
          continue;
        }
        if (received) break;
        received = hasCondition ? isVelocityTrue(this.getExpression(ast.condition as never)) : true;
      }
      return this.renderAstList(asts as never, this.contextId);
    }
  };
}

/** Parses a template; a syntax error becomes a VelocityError with the template line. */
export function compileTemplate(template: string): { render(context: Record<string, unknown>): string } {
  let asts: ReturnType<typeof Velocity.parse>;
  try {
    asts = velocityjs().parse(template);
  } catch (error) {
    const loc = (error as { hash?: { loc?: { first_line?: number; first_column?: number } } }).hash?.loc;
    const position = loc?.first_line === undefined ? undefined : { line: loc.first_line, column: (loc.first_column ?? 0) + 1 };
    throw new VelocityError(`syntax error: ${firstLine((error as Error).message)}`, position, { cause: error });
  }
  return {
    render(context) {
      const AwsVelocity = awsVelocity();
      const engine = new AwsVelocity(asts, { customMethodHandlers: [stringHandler] });
      try {
        return engine.render(context, undefined, true);
      } catch (error) {
        const message = (error as Error).message ?? String(error);
        const at = /L\/N (\d+):(\d+)/.exec(message);
        const position = at ? { line: Number(at[1]), column: Number(at[2]) + 1 } : undefined;
        throw new VelocityError(message.replace(/\s*on \$.*$/s, '').trim(), position, { cause: error });
      }
    },
  };
}

function firstLine(text: string): string {
  return text.split('\n').slice(0, 2).join(' ').trim();
}
