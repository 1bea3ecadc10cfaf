// gatehouse on a bench template, as a library user starts it (no terminal output). Handlers run in their own
// execution environments (worker threads, or child processes with GATEHOUSE_ISOLATION=process). Prints its URL
// on stdout, then serves until killed.
import { startGateway } from '../../dist/index.js';

const template = process.argv[2];
if (!template) throw new Error('usage: serve-gatehouse.mjs TEMPLATE');
const gateway = await startGateway({ template, port: 0 });
process.stdout.write(`${JSON.stringify({ url: gateway.url, pid: process.pid })}\n`);
const stop = () => gateway.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
