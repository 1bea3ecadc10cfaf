// The floor: a plain node:http server that calls the bench handlers in-process and sends the same response bytes
// (body and the same header set) as gatehouse does. Prints its URL on stdout, then serves until killed.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import * as handlers from './functions/index.mjs';

const routes = { '/hello': handlers.hello, '/png': handlers.png1k, '/big': handlers.binary1m };

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  const handler = routes[req.url ?? ''];
  req.resume();
  req.on('end', async () => {
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const result = await handler({ path: req.url, httpMethod: req.method, headers: req.headers });
    const body = result.isBase64Encoded ? Buffer.from(result.body, 'base64') : Buffer.from(result.body, 'utf8');
    res.sendDate = false;
    res.writeHead(result.statusCode, [
      'Date',
      new Date().toUTCString(),
      'Content-Type',
      result.headers['Content-Type'],
      'Content-Length',
      String(body.length),
      'Connection',
      'keep-alive',
      'x-amzn-RequestId',
      randomUUID(),
      'x-amz-apigw-id',
      `${randomBytes(12).toString('base64url').slice(0, 15)}=`,
      'X-Amzn-Trace-Id',
      `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`,
    ]);
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${server.address().port}`, pid: process.pid })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
