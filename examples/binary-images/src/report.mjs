// Works with most local emulators, fails on AWS: a proxy response body must be a string.
export const handler = async () => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: { total: 42, items: ['a', 'b'] },
});
