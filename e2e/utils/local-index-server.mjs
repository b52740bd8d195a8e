// The local index in a process of its own, so it keeps answering while a test, the demo or a
// benchmark blocks on a synchronous nx run (its balancer is JavaScript on an event loop). It runs
// the built plugin, which `npm run pack` makes before e2e, the demo and the benchmarks.
//   node local-index-server.mjs '<startLocalIndex options as JSON>'
// Prints the index as one JSON line once it answers; SIGTERM or SIGINT stops it.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { startLocalIndex } = require('../../packages/nx/dist/index/local-index.js');

const index = await startLocalIndex({ ...JSON.parse(process.argv[2]), env: process.env });
console.log(JSON.stringify({ url: index.url, simpleUrl: index.simpleUrl, pids: index.pids }));
const stop = () => index.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
