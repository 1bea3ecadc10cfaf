import { type FailureSpec, failures } from './catalogue.js';

/**
 * docs/failures.md, rendered from the catalogue. `npm run docs:failures` writes it; a unit test fails
 * when the committed file and the catalogue differ.
 */
export function renderFailuresMarkdown(): string {
  const lines = [
    '# Failures gatehouse explains',
    '',
    '<!-- Generated from src/failures/catalogue.ts by `npm run docs:failures`. Do not edit by hand. -->',
    '',
    'Every answer API Gateway makes by itself, and every legal answer that surprises people, has one entry.',
    'The client always receives the bytes in **Body**; the explanation (rule, AWS execution-log line, fix and',
    'the place in your template) goes to the terminal and to `inject()` traces, never into the response.',
    '',
  ];
  for (const [code, spec] of Object.entries(failures) as [string, FailureSpec][]) {
    lines.push(
      `## ${code}`,
      '',
      `**${spec.title}** (${spec.kind === 'gateway' ? 'gateway answer' : 'notice'}; ${spec.confidence})`,
      '',
    );
    if (spec.status !== undefined)
      lines.push(`- Status: ${spec.status}${spec.responseType ? ` (gateway response ${spec.responseType})` : ''}`);
    if (spec.body !== undefined) lines.push(`- Body: \`${spec.body}\``);
    if (spec.errorType !== undefined) lines.push(`- x-amzn-ErrorType: \`${spec.errorType}\``);
    if (spec.awsLog) lines.push(`- AWS execution log: \`${spec.awsLog}\``);
    lines.push(`- Fix: ${spec.hint}`, `- AWS docs: ${spec.docs}`, '');
  }
  return lines.join('\n');
}
