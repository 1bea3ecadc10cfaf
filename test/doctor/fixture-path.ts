import { fileURLToPath } from 'node:url';

/** test/fixtures/doctor/<name>/template.yaml: a small template and handler per check. */
export function doctorFixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/doctor/${name}/template.yaml`, import.meta.url));
}
