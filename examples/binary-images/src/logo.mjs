import { readFile } from 'node:fs/promises';

// Read once per execution environment (init), as you would on Lambda.
const logo = await readFile(new URL('./logo.png', import.meta.url));

export const handler = async () => ({
  statusCode: 200,
  headers: { 'Content-Type': 'image/png' },
  isBase64Encoded: true,
  body: logo.toString('base64'),
});
