import { describe, expect, it } from 'vitest';
import type { MappingTemplate } from '../../../src/model/integration.js';
import { MappingTemplateError, renderMappingTemplate, type TemplateVariables } from '../../../src/vtl/index.js';

// API Gateway's VTL behaviour, driven through one template at a time.
// Spec: ../shared/aws/api-gateway.md §6.1 and §6.3.
function template(text: string, line = 10): MappingTemplate {
  return { contentType: 'application/json', template: text, source: { file: 'api.yaml', line, column: 7, keyPath: 'x' } };
}

function render(text: string, payload = '', extra: Partial<TemplateVariables> = {}): string {
  return renderMappingTemplate(template(text), {
    payload,
    params: { path: { id: '7' }, querystring: { q: 'a b' }, header: { 'X-Trace': 't1' } },
    context: { httpMethod: 'POST', responseOverride: { header: {} } },
    stageVariables: { env: 'dev' },
    ...extra,
  }).output;
}

describe('$input.path renders JSON values as AWS does', () => {
  // Recorded: test_input_path_template_formatting (HTTP integration; same VTL engine).
  const body = JSON.stringify({
    foo: 'bar',
    big: { bigger: 'dict', to: 'test', with: 'separators' },
    nested: { foo: [{ nested: 'bar' }] },
    list: [{ foo: 'bar' }],
  });
  it.each([
    ["$input.path('$.foo')", 'bar'],
    ["$input.path('$.big')", '{bigger=dict, to=test, with=separators}'],
    ["$input.path('$.nested')", '{foo=[{"nested":"bar"}]}'],
    ["$input.path('$.list')", '[{"foo":"bar"}]'],
    ["$input.path('$.missing')", ''],
    ["$input.path('$.big').bigger", 'dict'],
    ["$input.path('$.list').size()", '1'],
  ])('%s → %s', (expression, expected) => {
    expect(render(expression, body)).toBe(expected);
  });

  it('a missing path equals both $null and ""', () => {
    const out = render(`#set($m = $input.path('$.missing'))#if($m == $null)null #end#if($m == "")empty#end`, body);
    expect(out).toBe('null empty');
  });
});

describe('$input.body, $input.json, $input.params', () => {
  // Recorded: test_input_body_formatting: an empty request body renders as {}.
  it('$input.body of an empty request is {}', () => {
    expect(render('$input.body', '')).toBe('{}');
  });
  it('$input.json gives JSON text', () => {
    expect(render(`$input.json('$.a')`, '{"a":{"b":[1,"x"]}}')).toBe('{"b":[1,"x"]}');
    expect(render(`$input.json('$')`, '{"a": 1}')).toBe('{"a":1}');
  });
  // Recorded: test_lambda_aws_integration_with_request_template ($input.params('param1') reads the query string).
  it('$input.params(name) searches path, query string and headers', () => {
    expect(render(`$input.params('id') $input.params('q') $input.params('x-trace') [$input.params('none')]`)).toBe('7 a b t1 []');
  });
  it('$input.params() is a map of maps', () => {
    expect(render(`#foreach($k in $input.params().keySet())$k #end`)).toBe('path querystring header ');
  });
});

describe('$util', () => {
  // Recorded: test_input_body_formatting: urlEncode writes spaces as +.
  it('urlEncode uses + for spaces', () => {
    expect(render(`$util.urlEncode('some raw data')`)).toBe('some+raw+data');
  });
  // Documented: escapeJavaScript turns ' into \'.
  it('escapeJavaScript escapes quotes as Java does', () => {
    expect(render(`$util.escapeJavaScript($input.path('$.s'))`, JSON.stringify({ s: `it's "x"\n/é` }))).toBe(
      `it\\'s \\"x\\"\\n\\/\\u00E9`,
    );
  });
  it('parseJson, base64, urlDecode', () => {
    expect(
      render(
        `#set($o = $util.parseJson('{"a":[1,2]}'))$o.a $util.base64Encode('hi') $util.base64Decode('aGk=') $util.urlDecode('a+b%21')`,
      ),
    ).toBe('[1,2] aGk= hi a b!');
  });
});

describe('directives and context', () => {
  it('#set, #foreach, #if and $stageVariables', () => {
    const out = render(
      `#set($n = 0)#foreach($i in $input.path('$.l'))#set($n = $n + $i)#end#if($n > 2)$n $stageVariables.env#end`,
      '{"l":[1,2]}',
    );
    expect(out).toBe('3 dev');
  });
  // Recorded: test_lambda_aws_integration_response_with_mapping_templates.
  it('$context.responseOverride.status is readable after rendering', () => {
    const context: Record<string, unknown> = { responseOverride: { header: {} } };
    render('#set($context.responseOverride.status = 400)', '', { context });
    expect((context.responseOverride as { status: number }).status).toBe(400);
  });
  it('#if treats "" as true, as Velocity 1.7 does', () => {
    expect(render(`#set($e = "")#if($e)yes#end`)).toBe('yes');
  });
});

describe('template errors name the template line', () => {
  it('a syntax error', () => {
    const run = () =>
      renderMappingTemplate(template('{\n  "a": #if($x\n}'), {
        payload: '',
        params: { path: {}, querystring: {}, header: {} },
        context: {},
        stageVariables: {},
      });
    expect(run).toThrow(MappingTemplateError);
    try {
      run();
    } catch (error) {
      const e = error as MappingTemplateError;
      expect(e.position?.line).toBe(2);
      expect(e.at.line).toBe(12);
    }
  });
  it('a failing function', () => {
    expect(() => render(`line1\n$util.parseJson('nope')`)).toThrow(/parseJson/);
  });
});
