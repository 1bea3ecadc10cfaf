import { fileURLToPath } from 'node:url';

/** Absolute path of a template under test/fixtures/templates/. */
export function templatePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/templates/${name}`, import.meta.url));
}

/** The path as shown in messages when the test passes it relative to the repository root. */
export function relativeTemplate(name: string): string {
  return `test/fixtures/templates/${name}`;
}
