// Runs assets/explorer/semantics.js on one batch of cases, read as JSON from stdin, and writes
// the answers as JSON to stdout: one node process for the whole cross-check of
// tests/it/explorer_semantics.rs.
//
// Input:  {frameworks: [framework...], names: [[claim id...] per framework, or null],
//          evaluate: [{fw, semantics, support, without}],
//          flatten:  [{fw, support}],
//          justify:  [{fw, claim, support, without, names: true when named}],
//          time:     [{fw, semantics, support, runs}]}      (fw: an index into frameworks)
// Output: {evaluate: [{labels, credulous, hasExtension} | {error}],
//          flatten:  [{n, attacks: [[a, b]...], origin}],
//          justify:  [the result of justify | {error}],
//          time:     [{median_ms, max_ms}],
//          elapsed_ms: {evaluate, flatten, justify, time}}
'use strict';

const path = require('path');
const S = require(path.join(__dirname, '..', '..', 'assets', 'explorer', 'semantics.js'));

function guarded(f) {
  try {
    return f();
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', () => {
  const batch = JSON.parse(input);
  const fws = batch.frameworks;
  const out = { elapsed_ms: {} };
  let mark = process.hrtime.bigint();
  const lap = (name) => {
    const now = process.hrtime.bigint();
    out.elapsed_ms[name] = Number(now - mark) / 1e6;
    mark = now;
  };
  out.evaluate = (batch.evaluate || []).map((c) =>
    guarded(() => S.evaluate(fws[c.fw], { semantics: c.semantics, support: c.support, without: c.without }))
  );
  lap('evaluate');
  out.flatten = (batch.flatten || []).map((c) =>
    guarded(() => {
      const flat = S.flatten(fws[c.fw], c.support);
      const attacks = [];
      flat.af.attacks.forEach((row, a) => row.forEach((b) => attacks.push([a, b])));
      return { n: flat.af.n, attacks, origin: flat.origin };
    })
  );
  lap('flatten');
  out.justify = (batch.justify || []).map((c) =>
    guarded(() => S.justify(fws[c.fw], c.claim, {
        support: c.support,
        without: c.without,
        names: c.names ? batch.names[c.fw] : undefined
      }))
  );
  lap('justify');
  out.time = (batch.time || []).map((c) => {
    const times = [];
    for (let i = 0; i < c.runs; i++) {
      // A fresh copy each run, so the engine's memory of its last flattening does not count.
      const fw = JSON.parse(JSON.stringify(fws[c.fw]));
      const start = process.hrtime.bigint();
      S.evaluate(fw, { semantics: c.semantics, support: c.support, without: c.without });
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    return { median_ms: times[Math.floor(times.length / 2)], max_ms: times[times.length - 1] };
  });
  lap('time');
  process.stdout.write(JSON.stringify(out));
});
