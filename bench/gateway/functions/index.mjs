// The handlers bench/gateway.bench.js serves, both in gatehouse (each in its own execution environment) and in
// the floor server (called in-process). Their results are built once, at module load, so the handlers themselves
// cost next to nothing and the numbers show the server around them.

/** 1 KiB of "PNG": the real signature, then deterministic bytes. */
const png = Buffer.alloc(1024);
Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
for (let i = 8; i < png.length; i++) png[i] = (i * 31 + 7) & 0xff;

/** 1 MiB of binary. */
const big = Buffer.alloc(1024 * 1024);
for (let i = 0; i < big.length; i++) big[i] = (i * 131 + (i >> 8)) & 0xff;

const helloResult = {
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ message: 'hello from gatehouse bench' }),
};
const pngResult = {
  statusCode: 200,
  headers: { 'Content-Type': 'image/png' },
  body: png.toString('base64'),
  isBase64Encoded: true,
};
const bigResult = {
  statusCode: 200,
  headers: { 'Content-Type': 'application/octet-stream' },
  body: big.toString('base64'),
  isBase64Encoded: true,
};

export const hello = async () => helloResult;
export const png1k = async () => pngResult;
export const binary1m = async () => bigResult;
