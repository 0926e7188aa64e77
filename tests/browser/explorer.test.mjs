// End-to-end tests of the explorer page (`argraph html`) in headless Chromium, driven by
// playwright-core. Run by tests/it/explorer.rs, which writes the pages and what argraph's CLI
// says about the same maps into ARGRAPH_EXPLORER_DIR (see `fixtures.json` there), then runs
// `node --test` on this file. Screenshots go to $ARGRAPH_EXPLORER_DIR/screenshots, or to
// docs/explorer/ when ARGRAPH_SCREENSHOTS=docs.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const dir = process.env.ARGRAPH_EXPLORER_DIR;
const require = createRequire(join(process.env.ARGRAPH_NODE_MODULES, 'noop.js'));
const { chromium } = require('playwright-core');
const fixtures = JSON.parse(readFileSync(join(dir, 'fixtures.json'), 'utf8'));
const shots = process.env.ARGRAPH_SCREENSHOTS === 'docs'
  ? join(fixtures.repo, 'docs', 'explorer')
  : join(dir, 'screenshots');
mkdirSync(shots, { recursive: true });

let browser;
const requests = [];
const violations = [];

before(async () => {
  browser = await chromium.launch({
    executablePath: fixtures.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
after(async () => { if (browser) await browser.close(); });

/** Opens a page file (with an optional fragment) and waits until the view is drawn. */
async function open(file, hash = '', options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport || { width: 1366, height: 800 },
    colorScheme: options.colorScheme || 'light',
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('file:') && !url.startsWith('data:') && !url.startsWith('blob:')) requests.push(url);
  });
  page.on('pageerror', (error) => { throw error; });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window.__violations = window.__violations || []).push(e.violatedDirective + ' ' + e.blockedURI);
    });
  });
  const url = pathToFileURL(join(dir, file)).href + hash;
  const started = Date.now();
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  const elapsed = Date.now() - started;
  return { page, context, elapsed };
}

async function drawn(page) {
  // A view is drawn when its rendered event fired after the last navigation.
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}

async function navigate(page, action) {
  await page.evaluate(() => { document.body.dataset.ready = 'false'; });
  await action();
  await drawn(page);
}

async function done(handle) {
  const found = await handle.page.evaluate(() => window.__violations || []);
  violations.push(...found);
  await handle.context.close();
}

test('opens from disk on the most contested claim, within a second, and draws its neighbourhood', async () => {
  const h = await open('debate.html');
  const b = fixtures.bundled;
  console.log(`first view of the bundled map: ${h.elapsed} ms (page ${statSync(join(dir, 'debate.html')).size} bytes)`);
  assert.ok(h.elapsed < 3000, `first view took ${h.elapsed} ms`);
  if (b.questions > 0) {
    // A map that states its questions opens on them; the Focus tab opens the most contested claim.
    assert.equal(await h.page.$$eval('#questions .question', (qs) => qs.length), b.questions);
    await h.page.screenshot({ path: join(shots, 'questions-bundled.png') });
    await navigate(h.page, () => h.page.click('#tab-focus'));
  }
  assert.equal(await h.page.textContent('#panel .id'), b.start);
  const nodes = await h.page.$$eval('#stage svg g.node[data-kind="claim"]', (ns) => ns.length);
  assert.equal(nodes, b.startNeighbourhood.length, 'the focus view shows the claim and its direct neighbours');
  await h.page.screenshot({ path: join(shots, 'focus.png') });
  await done(h);
});

test('a claim link moves the focus, the address follows, and back returns', async () => {
  const h = await open('debate.html', '#claim=' + fixtures.bundled.linked.from);
  const target = fixtures.bundled.linked.to;
  await navigate(h.page, () => h.page.click(`#panel a[data-claim="${target}"]`));
  assert.match(h.page.url(), new RegExp('#claim=' + target + '$'));
  assert.equal(await h.page.textContent('#panel .id'), target);
  await navigate(h.page, () => h.page.goBack());
  assert.equal(await h.page.textContent('#panel .id'), fixtures.bundled.linked.from);
  await navigate(h.page, () => h.page.goForward());
  assert.equal(await h.page.textContent('#panel .id'), target);
  // Clicking a node of the diagram moves the focus too.
  const other = await h.page.$eval('#stage svg g.node[data-kind="claim"]:not(.focus)', (n) => n.dataset.index);
  await navigate(h.page, () => h.page.click(`#stage svg g.node[data-index="${other}"]`));
  assert.equal(await h.page.evaluate(() => document.querySelector('#stage svg g.node.focus').dataset.index), other);
  await done(h);
});

test('the panel shows the quote, the source and the actor as the map has them', async () => {
  const c = fixtures.bundled.panel;
  const h = await open('debate.html', '#claim=' + c.id);
  assert.equal(await h.page.textContent('#panel-title'), c.text);
  assert.equal(await h.page.textContent('#panel-quote'), '“' + c.quote + '”');
  const source = await h.page.textContent('#panel-source');
  assert.ok(source.includes(c.sourceTitle), source);
  if (c.publisher) assert.ok(source.includes(c.publisher), source);
  if (c.url) assert.equal(await h.page.getAttribute('#panel-source a', 'href'), c.url);
  assert.ok((await h.page.textContent('#panel-actor')).includes(c.actorName));
  await h.page.screenshot({ path: join(shots, 'claim-panel.png') });
  await done(h);
});

test('the actor view lists who disputes whom as argraph disputes does, and opens an actor', async () => {
  const h = await open('debate.html', '#view=actors');
  const rows = await h.page.$$eval('#table-disputes tbody tr', (trs) => trs.length);
  assert.equal(rows, fixtures.bundled.disputeRows);
  await h.page.check('#rollup');
  await drawn(h.page);
  const rolled = await h.page.$$eval('#table-disputes tbody tr', (trs) => trs.length);
  assert.equal(rolled, fixtures.bundled.disputeRowsRollup);
  await h.page.screenshot({ path: join(shots, 'actors.png') });
  const actor = fixtures.bundled.actor;
  await navigate(h.page, () => h.page.click(`#table-disputes a[data-actor="${actor.id}"]`));
  assert.equal(await h.page.textContent('#panel-title'), actor.name);
  assert.match(h.page.url(), new RegExp('#view=actors&actor=' + actor.id));
  const disputedBy = await h.page.$$eval('#panel ul.links-disputes', (uls) => uls.length);
  assert.ok(disputedBy >= 1, 'the actor panel lists disputes');
  await done(h);
});

test('search finds a claim by words of its quote and Enter opens it; / focuses the box', async () => {
  const h = await open('debate.html');
  await h.page.keyboard.press('/');
  assert.equal(await h.page.evaluate(() => document.activeElement.id), 'search');
  const s = fixtures.bundled.search;
  await h.page.keyboard.type(s.query);
  await h.page.waitForSelector('#search-results li[role="option"]');
  const first = await h.page.textContent('#search-results li[aria-selected="true"] .id');
  assert.ok(first.startsWith(s.expect), first);
  await navigate(h.page, () => h.page.keyboard.press('Enter'));
  assert.equal(await h.page.textContent('#panel .id'), s.expect);
  // Escape closes the panel; the keyboard reaches the diagram's claims.
  await h.page.keyboard.press('Escape');
  assert.equal(await h.page.isHidden('#panel'), true);
  await done(h);
});

test('every claim colour in the whole map equals argraph eval, under every semantics and support mode', async () => {
  const h = await open('debate.html', '#view=map');
  await h.page.selectOption('#colour', 'status');
  await drawn(h.page);
  for (const ev of fixtures.bundled.eval) {
    await navigate(h.page, async () => {
      await h.page.selectOption('#semantics', ev.semantics);
      await h.page.selectOption('#support', ev.support);
    });
    const shown = await h.page.$$eval('#stage svg g.node[data-kind="claim"]', (nodes) => nodes.map((n) => {
      const st = Array.from(n.classList).find((c) => c.startsWith('st-'));
      return [n.id, st ? st.slice(3) : null];
    }));
    const byIndex = new Map(shown.map(([id, st]) => [Number(id.replace('claim-', '')), st]));
    ev.claims.forEach((c, i) => {
      assert.equal(byIndex.get(i), c.status, `${c.id} under ${ev.semantics}/${ev.support}`);
    });
    if (ev.semantics === 'preferred' && ev.support === 'none') await h.page.screenshot({ path: join(shots, 'map-preferred.png') });
  }
  await done(h);
});

test('what if: switching each claim off alone gives the statuses of argraph eval --without', async (t) => {
  if (!fixtures.bundled.without) { t.skip('argraph eval --without is not available'); return; }
  const h = await open('debate.html');
  const mismatches = [];
  for (const run of fixtures.bundled.without) {
    const got = await h.page.evaluate(([sem, sup, off]) => window.argraph.statuses(sem, sup, off).labels, [run.semantics, run.support, run.off]);
    run.labels.forEach((want, i) => {
      if (got[i] !== want) mismatches.push(`${run.off.join(',')} off, ${run.semantics}/${run.support}: claim ${i} is ${got[i]}, eval says ${want}`);
    });
  }
  assert.deepEqual(mismatches.slice(0, 10), []);
  // Through the page: switch the focus claim off and see the changed claims marked.
  const one = fixtures.bundled.whatIf;
  await navigate(h.page, () => h.page.goto(h.page.url().replace(/#.*$/, '') + '#claim=' + one.off + '&sem=grounded'));
  await h.page.selectOption('#colour', 'status');
  await drawn(h.page);
  await navigate(h.page, () => h.page.click('#toggle-off'));
  assert.match(h.page.url(), new RegExp('off=' + one.off));
  assert.equal(await h.page.isVisible('#whatif'), true);
  const changed = await h.page.getAttribute('#whatif-changed', 'data-changed');
  assert.deepEqual(changed ? changed.split(',').sort() : [], one.changed.slice().sort());
  await h.page.screenshot({ path: join(shots, 'what-if.png') });
  await done(h);
});

test('exercises: a right and a wrong answer are marked, with the reason', async () => {
  const h = await open('class.html', '#view=exercises');
  const ex = fixtures.class.exercises;
  // Answer the first exercise rightly, the second wrongly.
  await h.page.check(`input[name="exercise-0"][value="${ex[0].status}"]`);
  const wrong = ['IN', 'OUT', 'UNDEC'].find((s) => s !== ex[1].status);
  await h.page.check(`input[name="exercise-1"][value="${wrong}"]`);
  await h.page.click('#check-answers');
  assert.match(await h.page.textContent('#exercise-0 .verdict'), /Right/);
  assert.match(await h.page.textContent('#exercise-1 .verdict'), new RegExp('the answer is ' + ex[1].status));
  assert.ok((await h.page.textContent('#exercise-1 .why')).length > 10, 'a wrong answer says why');
  assert.match(await h.page.textContent('#score'), new RegExp('^1 of ' + ex.length));
  await h.page.screenshot({ path: join(shots, 'exercises.png'), fullPage: true });
  await done(h);
});

test('a map with questions opens on them, and a claim there opens its focus', async () => {
  const h = await open('class.html');
  assert.equal(await h.page.isVisible('#tab-questions'), true);
  const q = fixtures.class.question;
  assert.equal(await h.page.textContent(`#question-${q.id} h3`), q.text);
  const forIds = await h.page.$$eval(`#question-${q.id} .for a[data-claim]`, (as) => as.map((a) => a.dataset.claim));
  assert.deepEqual(forIds, q.for);
  const againstIds = await h.page.$$eval(`#question-${q.id} .against a[data-claim]`, (as) => as.map((a) => a.dataset.claim));
  assert.deepEqual(againstIds, q.against);
  await h.page.screenshot({ path: join(shots, 'questions.png') });
  await navigate(h.page, () => h.page.click(`#question-${q.id} .for a[data-claim="${q.for[0]}"]`));
  assert.equal(await h.page.textContent('#panel .id'), q.for[0]);
  await done(h);
});

test('an exercise page hides every status until the exercises are checked', async () => {
  const h = await open('class-exercise.html');
  assert.match(h.page.url(), /#view=exercises$/);
  assert.equal(await h.page.$eval('#colour option[value="status"]', (o) => o.disabled), true);
  await navigate(h.page, () => h.page.click('#exercise-0 a'));
  assert.equal(await h.page.$$eval('#panel .status', (s) => s.length), 0, 'no status shows before the answers');
  await navigate(h.page, () => h.page.goBack());
  await h.page.click('#check-answers');
  assert.equal(await h.page.$eval('#colour option[value="status"]', (o) => o.disabled), false);
  await done(h);
});

test('a hostile map shows its texts as written and runs nothing', async () => {
  const h = await open('hostile.html', '#claim=script-claim');
  assert.equal(await h.page.evaluate(() => window.__pwned), undefined);
  assert.equal(await h.page.textContent('#panel-title'), "<script>window.__pwned = 'claim'</script>");
  assert.equal(await h.page.textContent('#panel-quote'), "“\"><img src=x onerror=window.__pwned='quote'>”");
  assert.equal(await h.page.$$eval('#panel img, #panel script, #panel iframe', (n) => n.length), 0);
  await navigate(h.page, () => h.page.click('#panel a[data-claim="svg-claim"]'));
  assert.ok((await h.page.textContent('#panel-title')).startsWith('<svg onload='));
  await navigate(h.page, () => h.page.goto(h.page.url().replace(/#.*$/, '') + '#view=map'));
  await navigate(h.page, () => h.page.goto(h.page.url().replace(/#.*$/, '') + '#view=actors'));
  await navigate(h.page, () => h.page.goto(h.page.url().replace(/#.*$/, '') + '#view=outline'));
  await h.page.fill('#search', 'script');
  assert.equal(await h.page.evaluate(() => window.__pwned), undefined);
  await done(h);
});

test('outline, dark theme and print', async () => {
  const h = await open('debate.html', '#view=outline', { colorScheme: 'dark' });
  const items = await h.page.$$eval('#outline li', (lis) => lis.length);
  assert.ok(items > 10, 'the outline lists claims');
  await h.page.screenshot({ path: join(shots, 'outline-dark.png') });
  await navigate(h.page, () => h.page.goto(h.page.url().replace(/#.*$/, '') + '#claim=' + fixtures.bundled.panel.id));
  await h.page.emulateMedia({ media: 'print', colorScheme: 'light' });
  const pdf = await h.page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  await h.page.screenshot({ path: join(shots, 'print.png'), fullPage: true });
  await done(h);
});

test('a 10 000-claim map opens on its focus view and searches', async (t) => {
  if (!fixtures.big) { t.skip('no big map'); return; }
  const h = await open('big.html');
  console.log(`first view of ${fixtures.big.claims} claims: ${h.elapsed} ms (page ${statSync(join(dir, 'big.html')).size} bytes)`);
  const started = Date.now();
  await h.page.fill('#search', fixtures.big.query);
  await h.page.waitForSelector('#search-results li[role="option"]');
  console.log(`search over ${fixtures.big.claims} claims: ${Date.now() - started} ms`);
  await navigate(h.page, () => h.page.goto(h.page.url().replace(/#.*$/, '') + '#view=map'));
  assert.match(await h.page.textContent('#stage'), /left out above/);
  await done(h);
});

/** GET with the path sent exactly as written (no normalisation of `..`). */
function rawGet(port, path) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end();
  });
}

test('argraph serve: the page follows edits, shows errors over the last good view, and stops on SIGTERM', async () => {
  const file = join(fixtures.live, 'class.ron');
  const original = readFileSync(file, 'utf8');
  const server = spawn(fixtures.argraph, ['serve', fixtures.live, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  server.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(m[0]);
    });
    server.on('exit', (code) => reject(new Error('argraph serve exited with ' + code + ': ' + stderr)));
  });
  const port = Number(new URL(url).port);
  try {
    for (const path of ['/../Cargo.toml', '/%2e%2e/Cargo.toml', '/..%2fCargo.toml', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/class.ron', '/favicon.ico']) {
      assert.equal(await rawGet(port, path), 404, path);
    }
    const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
    const page = await context.newPage();
    page.on('request', (request) => {
      const u = request.url();
      if (!u.startsWith(url) && !u.startsWith('data:') && !u.startsWith('blob:')) requests.push(u);
    });
    await page.goto(url + '#claim=data-risk');
    await page.waitForSelector('body[data-ready="true"]');
    assert.equal(await page.textContent('#panel-title'), "The app sends residents' data abroad.");
    await page.waitForFunction(() => document.body.dataset.live === 'valid');
    // An edit: the page reloads by itself and keeps the claim in view.
    writeFileSync(file, original.replace("The app sends residents' data abroad.", 'The app sends every message abroad.'));
    await page.waitForFunction(() => {
      const t = document.querySelector('#panel-title');
      return t && t.textContent === 'The app sends every message abroad.';
    }, null, { timeout: 20000 });
    assert.match(page.url(), /#claim=data-risk$/);
    // A mistake: the diagnostics show over the last good view.
    writeFileSync(file, original.replace('(id: "data-risk", actor: "city"', '(id: "data-risk", actor: "cty"'));
    await page.waitForSelector('#live-problems:not([hidden])', { timeout: 20000 });
    const problems = await page.textContent('#live-problems pre');
    assert.match(problems, /class\.ron:\d+:\d+/);
    assert.match(problems, /cty/);
    assert.equal(await page.textContent('#panel-title'), 'The app sends every message abroad.');
    await page.screenshot({ path: join(shots, 'serve-error.png') });
    // Mended: back to the map.
    writeFileSync(file, original);
    await page.waitForFunction(() => {
      const t = document.querySelector('#panel-title');
      return t && t.textContent === "The app sends residents' data abroad." && !document.querySelector('#live-problems:not([hidden])');
    }, null, { timeout: 20000 });
    await context.close();
  } finally {
    writeFileSync(file, original);
    const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
    server.kill('SIGTERM');
    const { code } = await exited;
    assert.equal(code, 0, 'SIGTERM stops the server cleanly: ' + stderr);
  }
});

test('no request left any page, and the page policy blocked nothing of its own', () => {
  assert.deepEqual(requests, []);
  assert.deepEqual(violations, []);
});
