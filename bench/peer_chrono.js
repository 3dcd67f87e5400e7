// peer_chrono.js: chrono-node, the usual JavaScript date parser, finding the
// dates in the same notes, line by line as gavel reads them.
// usage: node peer_chrono.js FILE RUNS  ->  "chrono_mbps median p99 MB/s" (p99:
// the rate of the slowest 1% of runs) and the count of dates found
'use strict';
const fs = require('fs');
const chrono = require('chrono-node');
const [file, runsArg] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const lines = text.split('\n');
const ref = new Date(2025, 3, 10);
const runs = Math.max(1, parseInt(runsArg || '3', 10));
const mbps = [];
let found = 0;
for (let r = 0; r < runs; r++) {
  found = 0;
  const t0 = process.hrtime.bigint();
  for (const line of lines) found += chrono.parse(line, ref).length;
  const dt = Number(process.hrtime.bigint() - t0) / 1e9;
  mbps.push(Buffer.byteLength(text) / 1e6 / dt);
}
mbps.sort((a, b) => a - b);
// "p99" of a rate: the rate of the slowest 1% of runs
const slow = mbps[runs - 1 - Math.min(runs - 1, Math.floor(runs * 0.99))];
console.log(`chrono_mbps ${mbps[Math.floor(runs / 2)].toFixed(3)} ${slow.toFixed(3)} MB/s`);
console.log(`chrono_dates ${found} ${found} count`);
