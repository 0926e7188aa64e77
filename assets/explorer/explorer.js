/* argraph explorer: the page's script. Plain JavaScript, no build step.
 *
 * The map comes as JSON in <script id="argraph-data"> (written by `argraph html`, see
 * src/page/data.rs): sources, actors, claims and relations with indices instead of ids, the
 * statuses of every claim under each semantics and support mode (with plain-words
 * explanations on small maps), who disputes and supports whom, and the map's exercises.
 *
 * Views are drawn with Viz.js (Graphviz in WebAssembly, vendored) and styled by CSS classes,
 * so that colour modes, themes and highlights never need a new layout. The address's fragment
 * holds the state (#claim=ID, #actor=ID, #view=map, with &depth=, &off=, &sem=, &sup=), so the
 * browser's back and forward walk the reader's path and a teacher can link a view.
 *
 * Every text from the map reaches the page through textContent or a DOT string escaped by
 * `dotString`: nothing from the map is ever parsed as HTML.
 */
(function () {
  'use strict';

  const DATA = JSON.parse(document.getElementById('argraph-data').textContent);
  const claims = DATA.claims;
  const actors = DATA.actors;
  const sources = DATA.sources;
  const relations = DATA.relations;

  // ---------------------------------------------------------------------------------------
  // Indexes

  const claimIndex = new Map(claims.map((c, i) => [c.id, i]));
  const actorIndex = new Map(actors.map((a, i) => [a.id, i]));
  /** Relations whose target is claim i (supports, rebuts). */
  const into = claims.map(() => []);
  /** Relations made by claim i. */
  const outOf = claims.map(() => []);
  /** Undercuts of relation r. */
  const undercutsOf = relations.map(() => []);
  relations.forEach((r, i) => {
    outOf[r.from].push(i);
    if (r.kind === 'undercuts') undercutsOf[r.target].push(i);
    else into[r.target].push(i);
  });
  const claimsOf = actors.map(() => []);
  claims.forEach((c, i) => claimsOf[c.actor].push(i));
  const membersOf = actors.map(() => []);
  actors.forEach((a, i) => { if (a.memberOf !== null && a.memberOf !== undefined) membersOf[a.memberOf].push(i); });
  const searchText = claims.map((c) =>
    [c.id, c.text, c.quote || '', actors[c.actor].name, actors[c.actor].id].join('\n').toLowerCase());
  const tags = Array.from(new Set(claims.flatMap((c) => c.tags))).sort();

  /** The claims at either end of relation r (for an undercut: the ends of what it attacks, and its own source). */
  function relationClaims(r) {
    const rel = relations[r];
    if (rel.kind === 'undercuts') return [rel.from].concat(relationClaims(rel.target));
    return [rel.from, rel.target];
  }

  // ---------------------------------------------------------------------------------------
  // Small helpers

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
        else node.setAttribute(key, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }
  const $ = (id) => document.getElementById(id);

  /** A DOT double-quoted string: backslashes and quotes escaped, line breaks as \n. */
  function dotString(text) {
    return '"' + String(text).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n') + '"';
  }

  function wrap(text, width, maxLines) {
    const words = String(text).split(/\s+/).filter(Boolean);
    const lines = [];
    let line = '';
    for (const word of words) {
      if (line && line.length + 1 + word.length > width) { lines.push(line); line = word; }
      else line = line ? line + ' ' + word : word;
    }
    if (line) lines.push(line);
    if (lines.length > maxLines) {
      lines.length = maxLines;
      lines[maxLines - 1] = lines[maxLines - 1].replace(/\s*\S*$/, '') + ' …';
    }
    return lines.join('\n');
  }

  function family(kind) {
    switch (kind) {
      case 'government': case 'agency': case 'court': case 'official': case 'party': return 'state';
      case 'company': case 'product': return 'business';
      case 'commentator': case 'ngo': case 'research_lab': case 'media': return 'civil';
      default: return 'other';
    }
  }

  const STATUS_WORD = { IN: 'accepted', OUT: 'rejected', UNDEC: 'undecided', OFF: 'switched off' };
  const STATUS_SIGN = { IN: '✓', OUT: '✗', UNDEC: '?', OFF: '∅' };
  const KIND_WORD = { supports: 'supports', rebuts: 'rebuts', undercuts: 'undercuts' };

  // ---------------------------------------------------------------------------------------
  // State, kept in the address's fragment

  const VIEWS = ['questions', 'focus', 'actors', 'map', 'outline', 'exercises'];
  const semanticsOffered = Array.from(new Set(DATA.statuses.map((s) => s.semantics)));
  const supportsOffered = Array.from(new Set(DATA.statuses.map((s) => s.support)));

  const ui = {
    colour: 'actor',
    rollup: false,
    filters: { actor: '', source: '', tag: '' },
    /** In exercise mode statuses stay hidden until the exercises are checked. */
    revealed: !DATA.exercise,
    quiz: new Map(),
    quizChecked: false,
  };

  function readState() {
    const params = new URLSearchParams(location.hash.replace(/^#/, ''));
    const state = {
      view: 'focus', claim: null, actor: null, depth: 1,
      sem: semanticsOffered[0], sup: supportsOffered[0], off: [],
    };
    const view = params.get('view');
    if (VIEWS.includes(view)) state.view = view;
    else if (!params.has('claim') && !params.has('actor') && DATA.landing === 'questions') state.view = 'questions';
    const claim = params.get('claim');
    if (claim !== null && claimIndex.has(claim)) state.claim = claimIndex.get(claim);
    const actor = params.get('actor');
    if (actor !== null && actorIndex.has(actor)) {
      state.actor = actorIndex.get(actor);
      if (!view) state.view = 'actors';
    }
    const depth = Number(params.get('depth'));
    if (depth >= 1 && depth <= 4) state.depth = depth;
    if (semanticsOffered.includes(params.get('sem'))) state.sem = params.get('sem');
    if (supportsOffered.includes(params.get('sup'))) state.sup = params.get('sup');
    const off = params.get('off');
    if (off) state.off = off.split(',').filter((id) => claimIndex.has(id)).map((id) => claimIndex.get(id));
    if (state.view === 'focus' && state.claim === null) state.claim = DATA.start;
    return state;
  }

  function hashOf(state) {
    const parts = [];
    if (state.view !== 'focus') parts.push('view=' + state.view);
    if (state.claim !== null && state.claim !== undefined && ['focus', 'map', 'outline'].includes(state.view)) parts.push('claim=' + claims[state.claim].id);
    if (state.actor !== null && state.actor !== undefined && state.view === 'actors') parts.push('actor=' + actors[state.actor].id);
    if (state.depth !== 1) parts.push('depth=' + state.depth);
    if (state.sem !== semanticsOffered[0]) parts.push('sem=' + state.sem);
    if (state.sup !== supportsOffered[0]) parts.push('sup=' + state.sup);
    if (state.off.length) parts.push('off=' + state.off.map((i) => claims[i].id).join(','));
    return '#' + parts.join('&');
  }

  /** Moves to a new state: a new history entry, then the page follows the fragment. */
  function go(changes) {
    const next = Object.assign(readState(), changes);
    const hash = hashOf(next);
    if (hash === location.hash || (hash === '#' && location.hash === '')) render();
    else location.hash = hash;
  }
  const claimHref = (i) => hashOf(Object.assign(readState(), { view: 'focus', claim: i, actor: null }));
  const actorHref = (i) => hashOf(Object.assign(readState(), { view: 'actors', actor: i }));

  // ---------------------------------------------------------------------------------------
  // Statuses

  const framework = {
    n_claims: claims.length,
    relations: relations.map((r) => ({
      from: r.from,
      kind: r.kind === 'supports' ? 'support' : r.kind === 'rebuts' ? 'attack' : 'undercut',
      target: r.target,
    })),
  };
  const evaluations = new Map();

  function precomputed(sem, sup) {
    return DATA.statuses.find((s) => s.semantics === sem && s.support === sup);
  }

  /** Statuses of every claim under the state's semantics, with the switched-off claims left out. */
  function statusesOf(state) {
    const key = state.sem + '/' + state.sup + '/' + state.off.slice().sort((a, b) => a - b).join(',');
    if (evaluations.has(key)) return evaluations.get(key);
    const base = precomputed(state.sem, state.sup);
    let result;
    if (!state.off.length || typeof ArgraphSemantics === 'undefined') {
      result = {
        labels: Array.from(base.labels, (l) => (l === 'I' ? 'IN' : l === 'O' ? 'OUT' : 'UNDEC')),
        credulous: Array.from(base.credulous, (c) => c === '1'),
        hasExtension: base.hasExtension,
      };
      for (const i of state.off) result.labels[i] = 'OFF';
    } else {
      result = ArgraphSemantics.evaluate(framework, { semantics: state.sem, support: state.sup, without: state.off });
    }
    evaluations.set(key, result);
    return result;
  }

  function baseStatuses(state) {
    return statusesOf(Object.assign({}, state, { off: [] }));
  }

  function explanationOf(state, claim) {
    if (state.off.length) {
      if (state.sem === 'grounded' && typeof ArgraphSemantics !== 'undefined' && ArgraphSemantics.justify) {
        try { return justificationText(ArgraphSemantics.justify(framework, claim, { support: state.sup, without: state.off, names: claims.map((c) => c.id) })); }
        catch (e) { /* fall through to the whole map's explanation */ }
      }
      return null;
    }
    const base = precomputed(state.sem, state.sup);
    return base.explanations ? DATA.reasons[base.explanations[claim]] : null;
  }

  /** Plain words for the in-page engine's grounded justification (see semantics.js). */
  function justificationText(justification) {
    if (!justification || !Array.isArray(justification.lines) || !justification.lines.length) {
      return justification && justification.verdict ? justification.verdict : null;
    }
    return 'Why:\n' + justification.lines.map((line) => '- ' + line).join('\n');
  }

  function statusBadge(label, credulous) {
    const words = label + ' — ' + STATUS_WORD[label] + (label === 'UNDEC' && credulous ? ' (accepted in some extension)' : '');
    return el('span', { class: 'status ' + label, title: words }, STATUS_SIGN[label] + ' ' + label);
  }

  // ---------------------------------------------------------------------------------------
  // Diagrams

  let vizPromise = null;
  function viz() {
    if (!vizPromise) vizPromise = Viz.instance();
    return vizPromise;
  }

  const semanticsName = { grounded: 'grounded', complete: 'complete', preferred: 'preferred', stable: 'stable', 'semi-stable': 'semi-stable', ideal: 'ideal' };

  function claimNode(i, state, statuses, base, extra) {
    const c = claims[i];
    const a = actors[c.actor];
    const classes = ['claim', 'fam-' + family(actors[a.root].kind)];
    let statusLine = '';
    if (ui.revealed && statuses) {
      const label = statuses.labels[i];
      classes.push('st-' + label);
      if (ui.colourIsStatus || label === 'OFF') statusLine = STATUS_SIGN[label] + ' ' + label + '\n';
      if (state.off.length && base && label !== base.labels[i] && label !== 'OFF') {
        classes.push('was-changed');
        statusLine = STATUS_SIGN[label] + ' ' + label + ' (was ' + base.labels[i] + ')\n';
      }
    }
    if (extra) classes.push(extra);
    const label = statusLine + wrap(c.text, 34, 6) + '\n— ' + a.name;
    return '  c' + i + ' [id=' + dotString('claim-' + i) + ' class=' + dotString(classes.join(' ')) +
      ' label=' + dotString(label) + ' tooltip=' + dotString(c.text + (c.quote ? '\n“' + c.quote + '”' : '')) + '];\n';
  }

  /**
   * DOT for a set of claims and the relations among them. A relation that is undercut in view
   * is routed through a small point, which the undercut attacks.
   */
  function claimsDot(set, state, options) {
    const statuses = statusesOf(state);
    const base = state.off.length ? baseStatuses(state) : null;
    const inSet = (i) => set.has(i);
    const shown = [];
    relations.forEach((r, i) => {
      if (relationClaims(i).every(inSet)) shown.push(i);
    });
    const shownSet = new Set(shown);
    const undercut = new Set(shown.filter((i) => relations[i].kind === 'undercuts').map((i) => relations[i].target).filter((t) => shownSet.has(t)));
    const layout = options && options.radial !== undefined
      ? '  layout=twopi; root=c' + options.radial + '; ranksep=1.9; overlap=false; splines=true;\n'
      : options && options.clusters
        ? '  rankdir=LR; newrank=true; nodesep=0.18; ranksep=0.5;\n'
        : '  rankdir=BT; nodesep=0.35; ranksep=0.55;\n';
    let dot = 'digraph argraph {\n  bgcolor="transparent";\n' + layout +
      '  node [shape=box style="rounded,filled" fontname="Helvetica" fontsize=11 margin="0.12,0.06" fillcolor="white"];\n' +
      '  edge [fontname="Helvetica" fontsize=9 arrowsize=0.8];\n';
    const end = (i) => (undercut.has(i) ? 'r' + i : null);
    const targetNode = (r) => (r.kind === 'undercuts' ? 'r' + r.target : 'c' + r.target);
    if (options && options.clusters) {
      const byRoot = new Map();
      for (const i of set) {
        const root = actors[claims[i].actor].root;
        if (!byRoot.has(root)) byRoot.set(root, []);
        byRoot.get(root).push(i);
      }
      for (const [root, members] of byRoot) {
        dot += ' subgraph cluster_' + root + ' {\n  id=' + dotString('cluster-' + root) + ' class=' + dotString('fam-' + family(actors[root].kind)) +
          ' label=' + dotString(actors[root].name) + ' fontname="Helvetica" fontsize=12 style="rounded";\n';
        for (const i of members) dot += claimNode(i, state, statuses, base, options.classOf ? options.classOf(i) : null);
        dot += ' }\n';
      }
    } else {
      for (const i of set) dot += claimNode(i, state, statuses, base, options && options.classOf ? options.classOf(i) : null);
    }
    for (const i of undercut) {
      dot += '  r' + i + ' [id=' + dotString('relation-' + i) + ' class="point" shape=point width=0.08 label="" tooltip=' +
        dotString(claims[relations[i].from].text + ' ' + relations[i].kind + ' …') + '];\n';
    }
    for (const i of shown) {
      const r = relations[i];
      const attrs = ' [id=' + dotString('edge-' + i) + ' class=' + dotString(r.kind) +
        ' tooltip=' + dotString(claims[r.from].id + ' ' + r.kind + ' ' + (r.kind === 'undercuts' ? 'a link' : claims[r.target].id)) +
        (r.kind === 'supports' ? ' arrowhead=normal' : ' arrowhead=tee') + ']';
      if (end(i)) {
        dot += '  c' + r.from + ' -> ' + end(i) + ' [class=' + dotString(r.kind) + ' arrowhead=none];\n';
        dot += '  ' + end(i) + ' -> ' + targetNode(r) + attrs + ';\n';
      } else {
        dot += '  c' + r.from + ' -> ' + targetNode(r) + attrs + ';\n';
      }
    }
    return dot + '}\n';
  }

  /** Claims within `depth` relations of `center`, in either direction (an undercut counts as one step to both ends of the link it attacks). */
  function neighbourhood(center, depth, limit) {
    const seen = new Set([center]);
    const cap = limit || Infinity;
    let frontier = [center];
    for (let d = 0; d < depth; d++) {
      const next = [];
      for (const i of frontier) {
        const touching = into[i].concat(outOf[i]);
        for (const r of into[i]) touching.push(...undercutsOf[r]);
        for (const r of outOf[i]) touching.push(...undercutsOf[r]);
        for (const r of touching) {
          for (const j of relationClaims(r)) {
            if (seen.size >= cap) { seen.truncated = true; return seen; }
            if (!seen.has(j)) { seen.add(j); next.push(j); }
          }
        }
      }
      frontier = next;
    }
    return seen;
  }

  /** At most this many claims in a focus view: more would be unreadable, and slow to lay out. */
  const FOCUS_LIMIT = 60;

  const panzoom = { box: null, svg: null };

  /** Lays out DOT into the stage, wires clicks and keys, and fits it. */
  async function draw(stage, dot, onNode, options) {
    const token = (draw.token = (draw.token || 0) + 1);
    let svg;
    try {
      const v = await viz();
      svg = v.renderSVGElement(dot);
    } catch (error) {
      if (token !== draw.token) return null;
      stage.replaceChildren(el('p', { class: 'message' }, 'The diagram could not be laid out: ' + error));
      return null;
    }
    if (token !== draw.token) return null;
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'Argument diagram');
    for (const title of svg.querySelectorAll('title')) title.remove();
    for (const node of svg.querySelectorAll('g.node, g.cluster')) {
      const id = node.id || '';
      const m = /^(claim|actor|cluster)-(\d+)$/.exec(id);
      if (!m) continue;
      const index = Number(m[2]);
      const kind = m[1] === 'cluster' ? 'actor' : m[1];
      const label = kind === 'claim' ? claims[index].text + ' — ' + actors[claims[index].actor].name : actors[index].name;
      // The tooltip Graphviz puts on a link: keep it as an SVG title for the mouse.
      const anchor = node.querySelector('a');
      const tip = anchor ? anchor.getAttribute('xlink:title') || anchor.getAttribute('title') : null;
      if (anchor) {
        // Graphviz wraps tooltips in <a>; unwrap so that only our handlers act.
        while (anchor.firstChild) anchor.parentNode.insertBefore(anchor.firstChild, anchor);
        anchor.remove();
      }
      if (tip) {
        const t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
        t.textContent = tip;
        node.prepend(t);
      }
      if (m[1] === 'cluster') continue;
      node.setAttribute('tabindex', '0');
      node.setAttribute('role', 'link');
      node.setAttribute('aria-label', label);
      node.dataset.kind = kind;
      node.dataset.index = String(index);
    }
    for (const anchor of svg.querySelectorAll('g.edge a')) {
      while (anchor.firstChild) anchor.parentNode.insertBefore(anchor.firstChild, anchor);
      anchor.remove();
    }
    svg.addEventListener('click', (event) => {
      const node = event.target.closest('g.node[data-kind]');
      if (node) onNode(node.dataset.kind, Number(node.dataset.index), event);
    });
    svg.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      const node = event.target.closest('g.node[data-kind]');
      if (node) { event.preventDefault(); onNode(node.dataset.kind, Number(node.dataset.index), event); }
    });
    stage.replaceChildren(svg);
    stage.classList.remove('scroll');
    panzoom.svg = svg;
    const vb = svg.viewBox.baseVal;
    panzoom.full = { x: vb.x, y: vb.y, width: vb.width, height: vb.height };
    fit();
    if (options && options.legible) legible(options.around);
    return svg;
  }

  function setBox(box) {
    panzoom.box = box;
    if (panzoom.svg) panzoom.svg.setAttribute('viewBox', [box.x, box.y, box.width, box.height].join(' '));
  }
  function fit() {
    if (!panzoom.full) return;
    const f = panzoom.full;
    const pad = Math.max(f.width, f.height) * 0.03;
    let box = { x: f.x - pad, y: f.y - pad, width: f.width + 2 * pad, height: f.height + 2 * pad };
    // A small drawing is not blown up past 1.25 times its size: it stays centred instead.
    const rect = panzoom.svg ? panzoom.svg.getBoundingClientRect() : null;
    const most = 1.25;
    if (rect && rect.width && Math.min(rect.width / box.width, rect.height / box.height) > most) {
      const width = rect.width / most;
      const height = rect.height / most;
      box = { x: box.x + box.width / 2 - width / 2, y: box.y + box.height / 2 - height / 2, width, height };
    }
    setBox(box);
  }
  /**
   * When fitting the whole drawing would make its text too small to read, shows part of it at
   * a readable size instead: around the node with the given id, or from the top left corner.
   */
  function legible(aroundId) {
    const svg = panzoom.svg;
    const rect = svg.getBoundingClientRect();
    const b = panzoom.box;
    const scale = Math.min(rect.width / b.width, rect.height / b.height);
    const readable = 0.85;
    if (!rect.width || scale >= readable) return;
    const width = rect.width / readable;
    const height = rect.height / readable;
    let cx = panzoom.full.x + width / 2;
    let cy = panzoom.full.y + height / 2;
    const node = aroundId ? svg.getElementById(aroundId) : null;
    if (node) {
      const box = node.getBBox();
      cx = box.x + box.width / 2;
      cy = box.y + box.height / 2;
    }
    setBox({ x: cx - width / 2, y: cy - height / 2, width, height });
  }

  function zoom(factor, cx, cy) {
    if (!panzoom.box || !panzoom.svg) return;
    const b = panzoom.box;
    const rect = panzoom.svg.getBoundingClientRect();
    // The point under (cx, cy) stays where it is. With preserveAspectRatio="xMidYMid meet"
    // the scale is the larger of the two ratios.
    const scale = Math.max(b.width / rect.width, b.height / rect.height);
    const ox = b.x + b.width / 2 - (rect.width / 2) * scale;
    const oy = b.y + b.height / 2 - (rect.height / 2) * scale;
    const px = cx === undefined ? b.x + b.width / 2 : ox + (cx - rect.left) * scale;
    const py = cy === undefined ? b.y + b.height / 2 : oy + (cy - rect.top) * scale;
    const width = Math.min(Math.max(b.width / factor, 20), panzoom.full.width * 8);
    const height = b.height * (width / b.width);
    setBox({ x: px - (px - b.x) * (width / b.width), y: py - (py - b.y) * (height / b.height), width, height });
  }
  function initPanZoom() {
    const stage = $('stage');
    stage.addEventListener('wheel', (event) => {
      if (!panzoom.svg || stage.classList.contains('scroll')) return;
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX, event.clientY);
    }, { passive: false });
    let drag = null;
    stage.addEventListener('pointerdown', (event) => {
      if (!panzoom.svg || stage.classList.contains('scroll') || event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY, box: Object.assign({}, panzoom.box), moved: false };
    });
    window.addEventListener('pointermove', (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
      drag.moved = true;
      stage.classList.add('grabbing');
      const rect = panzoom.svg.getBoundingClientRect();
      const scale = Math.max(drag.box.width / rect.width, drag.box.height / rect.height);
      setBox({ x: drag.box.x - dx * scale, y: drag.box.y - dy * scale, width: drag.box.width, height: drag.box.height });
    });
    window.addEventListener('pointerup', () => {
      if (drag && drag.moved) {
        // A drag is not a click on the node under the pointer.
        window.addEventListener('click', (e) => e.stopPropagation(), { capture: true, once: true });
      }
      drag = null;
      stage.classList.remove('grabbing');
    });
    $('zoom-in').addEventListener('click', () => zoomAny(1.25));
    $('zoom-out').addEventListener('click', () => zoomAny(1 / 1.25));
    $('zoom-fit').addEventListener('click', () => zoomAny(0));
  }
  /** Zoom buttons: the diagram, or the outline's text size. */
  function zoomAny(factor) {
    const outline = document.querySelector('.outline');
    if (outline) {
      const size = parseFloat(getComputedStyle(outline).fontSize) || 15;
      outline.style.setProperty('--outline-size', (factor === 0 ? 15 : Math.min(28, Math.max(9, size * factor))) + 'px');
      return;
    }
    if (factor === 0) fit(); else zoom(factor);
  }

  // ---------------------------------------------------------------------------------------
  // Legends

  function legendKey(kind, text) {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 34 12');
    svg.setAttribute('aria-hidden', 'true');
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    line.setAttribute('x1', '1'); line.setAttribute('y1', '6'); line.setAttribute('x2', '30'); line.setAttribute('y2', '6');
    line.setAttribute('stroke-width', '2');
    const colour = { supports: 'var(--support)', rebuts: 'var(--rebut)', undercuts: 'var(--undercut)' }[kind];
    line.setAttribute('stroke', colour);
    if (kind === 'rebuts') line.setAttribute('stroke-dasharray', '6 3');
    if (kind === 'undercuts') line.setAttribute('stroke-dasharray', '2 3');
    svg.append(line);
    return el('span', { class: 'key' }, svg, text);
  }

  function renderLegend(state, view) {
    const legend = $('legend');
    legend.replaceChildren();
    if (view === 'outline' || view === 'exercises' || view === 'questions') { legend.hidden = true; return; }
    legend.hidden = false;
    if (view === 'actors') {
      legend.append(legendKey('supports', 'supports (×N: claim relations behind the edge)'), legendKey('rebuts', 'disputes (rebuts or undercuts)'),
        el('span', { class: 'key' }, 'Boxes are organisations and people; colour by kind: blue state, amber business, violet civil society, grey other.'));
      return;
    }
    legend.append(legendKey('supports', 'supports'), legendKey('rebuts', 'rebuts'), legendKey('undercuts', 'undercuts (attacks the link)'));
    if (ui.colourIsStatus) {
      if (!ui.revealed) {
        legend.append(el('span', { class: 'key' }, 'Statuses are hidden until the exercises are answered.'));
      } else {
        legend.append(el('span', { class: 'key' }, 'Under ' + state.sem + ' semantics, supports ' + (state.sup === 'none' ? 'ignored' : state.sup) + ':'));
        for (const label of ['IN', 'OUT', 'UNDEC']) legend.append(el('span', { class: 'key' }, statusBadge(label, false), STATUS_WORD[label]));
        if (state.off.length) legend.append(el('span', { class: 'key' }, statusBadge('OFF', false), 'switched off; a thick vermillion border marks a changed status'));
      }
    } else {
      legend.append(el('span', { class: 'key' }, 'Claim colour: the actor\'s kind (blue state, amber business, violet civil society, grey other).'));
    }
  }

  // ---------------------------------------------------------------------------------------
  // The claim panel

  function claimLink(i, state) {
    const c = claims[i];
    const a = el('a', { href: claimHref(i), 'data-claim': c.id }, c.text);
    const parts = [a, el('span', { class: 'meta' }, ' — ' + actors[c.actor].name)];
    if (ui.revealed) {
      const st = statusesOf(state);
      parts.push(' ', statusBadge(st.labels[i], st.credulous[i]));
    }
    return parts;
  }

  function actorLink(i) {
    return el('a', { href: actorHref(i), 'data-actor': actors[i].id }, actors[i].name);
  }

  function relationItem(r, state, side) {
    const rel = relations[r];
    const other = side === 'from' ? rel.from : rel.kind === 'undercuts' ? null : rel.target;
    const item = el('li', null, el('span', { class: 'rel ' + rel.kind }, KIND_WORD[rel.kind]));
    if (other !== null) item.append(...claimLink(other, state));
    else {
      const target = relations[rel.target];
      item.append('the link “', ...claimLink(target.from, state), '” ', target.kind, ' “', claims[target.answers === undefined ? target.target : target.answers].text, '”');
    }
    if (rel.note) item.append(el('div', { class: 'meta' }, 'Note: ' + rel.note));
    return item;
  }

  function renderClaimPanel(i, state) {
    const panel = $('panel');
    panel.hidden = false;
    const c = claims[i];
    const actor = actors[c.actor];
    const source = sources[c.source];
    const statuses = statusesOf(state);
    const nodes = [];
    nodes.push(el('button', { type: 'button', class: 'close', 'aria-label': 'Close the panel', onclick: closePanel }, '×'));
    nodes.push(el('div', { class: 'id' }, c.id));
    nodes.push(el('h2', { id: 'panel-title' }, c.text));
    if (c.quote) nodes.push(el('blockquote', { id: 'panel-quote' }, '“' + c.quote + '”'));
    const by = el('p', { id: 'panel-actor' }, 'Said by ', actorLink(c.actor));
    if (actor.role) by.append(', ' + actor.role);
    if (actor.memberOf !== null && actor.memberOf !== undefined) by.append(' (', actorLink(actor.memberOf), ')');
    nodes.push(by);
    const src = el('p', { id: 'panel-source', class: 'meta' }, 'Source: ');
    if (source.url && /^https?:\/\//i.test(source.url)) src.append(el('a', { href: source.url, target: '_blank', rel: 'noopener noreferrer' }, source.title));
    else src.append(source.title, source.url ? ' (' + source.url + ')' : '');
    const bits = [source.publisher, source.authors && source.authors.length ? source.authors.join(', ') : null, c.date || source.date].filter(Boolean);
    if (bits.length) src.append(' — ' + bits.join(', '));
    nodes.push(src);
    if (c.tags.length) nodes.push(el('p', { class: 'meta' }, 'Tags: ' + c.tags.join(', ')));
    if (c.about.length) {
      const about = el('p', { class: 'meta' }, 'About: ');
      c.about.forEach((a, k) => { if (k) about.append(', '); about.append(actorLink(a)); });
      nodes.push(about);
    }
    if (c.note) nodes.push(el('p', { class: 'meta' }, 'Note: ' + c.note));

    // Which claims stand.
    nodes.push(el('h3', null, 'Does it stand?'));
    if (!ui.revealed) {
      nodes.push(el('p', { class: 'meta' }, 'Statuses are hidden until you have answered the exercises.'));
    } else {
      const label = statuses.labels[i];
      const line = el('p', { id: 'panel-status' }, statusBadge(label, statuses.credulous[i]),
        ' under ' + state.sem + ' semantics, supports ' + (state.sup === 'none' ? 'ignored' : state.sup) + '.');
      if (state.off.length && label !== 'OFF') {
        const base = baseStatuses(state).labels[i];
        if (base !== label) line.append(el('span', { class: 'changed' }, ' Changed: was ' + base + ' with every claim on.'));
      }
      nodes.push(line);
      const why = explanationOf(state, i);
      if (why) nodes.push(el('div', { class: 'explanation', id: 'panel-explanation' }, linkIds(why)));
      else if (state.off.length) nodes.push(el('p', { class: 'meta' }, 'The page explains grounded statuses when claims are switched off; choose grounded semantics for the reasons, or switch every claim back on.'));
    }
    const off = state.off.includes(i);
    nodes.push(el('p', null, el('button', {
      type: 'button', id: 'toggle-off', 'aria-pressed': String(off),
      onclick: () => toggleOff(i),
    }, off ? 'Switch it back on' : 'What if it had never been said? Switch it off')));

    const supporters = into[i].filter((r) => relations[r].kind === 'supports');
    const rebutters = into[i].filter((r) => relations[r].kind === 'rebuts');
    const undercutters = into[i].concat(outOf[i]).flatMap((r) => undercutsOf[r]);
    const section = (title, id, items) => {
      nodes.push(el('h3', null, title + ' (' + items.length + ')'));
      nodes.push(items.length ? el('ul', { id }, items) : el('p', { class: 'meta' }, 'Nothing.'));
    };
    section('Supported by', 'panel-supporters', supporters.map((r) => relationItem(r, state, 'from')));
    section('Attacked by', 'panel-attackers', rebutters.map((r) => relationItem(r, state, 'from')).concat(undercutters.map((r) => relationItem(r, state, 'from'))));
    section('It answers', 'panel-answers', outOf[i].map((r) => relationItem(r, state, 'to')));
    panel.replaceChildren(...nodes);
  }

  /** Text with each `claim-id` in backticks made a link to that claim. */
  function linkIds(text) {
    const parts = [];
    let last = 0;
    for (const m of text.matchAll(/`([a-z0-9-]+)`/g)) {
      if (!claimIndex.has(m[1])) continue;
      parts.push(text.slice(last, m.index));
      const i = claimIndex.get(m[1]);
      parts.push(el('a', { href: claimHref(i), title: claims[i].text, class: 'id-link' }, m[1]));
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  }

  function closePanel() {
    $('panel').hidden = true;
    $('panel').replaceChildren();
    const state = readState();
    if (state.view === 'map' && state.claim !== null) go({ claim: null });
  }

  function toggleOff(i) {
    const state = readState();
    const off = state.off.includes(i) ? state.off.filter((j) => j !== i) : state.off.concat([i]);
    go({ off });
  }

  // ---------------------------------------------------------------------------------------
  // The actor panel

  function linkRows(kind) {
    const key = kind + (ui.rollup ? 'Rollup' : '');
    return DATA.links[key] || [];
  }

  function pairsList(relationIndices, state) {
    return el('ul', null, relationIndices.map((r) => {
      const rel = relations[r];
      return el('li', null, ...claimLink(rel.from, state), ' ', el('span', { class: 'rel ' + rel.kind }, KIND_WORD[rel.kind]), ' ', ...claimLink(rel.answers, state));
    }));
  }

  function renderActorPanel(i, state) {
    const panel = $('panel');
    panel.hidden = false;
    const a = actors[i];
    const nodes = [el('button', { type: 'button', class: 'close', 'aria-label': 'Close the panel', onclick: () => { $('panel').hidden = true; go({ actor: null }); } }, '×')];
    nodes.push(el('div', { class: 'id' }, a.id));
    nodes.push(el('h2', { id: 'panel-title' }, a.name));
    const kind = el('p', { class: 'meta' }, a.kind.replace(/_/g, ' ') + (a.role ? ', ' + a.role : ''));
    if (a.memberOf !== null && a.memberOf !== undefined) kind.append(' — member of ', actorLink(a.memberOf));
    nodes.push(kind);
    if (a.note) nodes.push(el('p', { class: 'meta' }, a.note));
    if (membersOf[i].length) {
      const members = el('p', null, 'Members: ');
      membersOf[i].forEach((m, k) => { if (k) members.append(', '); members.append(actorLink(m)); });
      nodes.push(members);
    }
    const own = ui.rollup ? claims.map((_, j) => j).filter((j) => actors[claims[j].actor].root === i) : claimsOf[i];
    nodes.push(el('h3', null, 'Claims (' + own.length + ')'));
    nodes.push(own.length ? el('ul', { id: 'panel-claims' }, own.map((j) => el('li', null, ...claimLink(j, state)))) : el('p', { class: 'meta' }, ui.rollup && a.root !== i ? 'Counted under ' + actors[a.root].name + ' (members are rolled up).' : 'None.'));
    const group = (title, kind, mine) => {
      const rows = linkRows(kind).filter((row) => (mine ? row[0] === i : row[1] === i));
      nodes.push(el('h3', null, title + ' (' + rows.length + ')'));
      if (!rows.length) { nodes.push(el('p', { class: 'meta' }, 'Nobody.')); return; }
      nodes.push(el('ul', { class: 'links-' + kind }, rows.map((row) => {
        const other = mine ? row[1] : row[0];
        return el('li', null, el('details', null,
          el('summary', null, actorLink(other), ' ×' + row[2].length + (row[2].length === 1 ? ' relation' : ' relations')),
          pairsList(row[2], state)));
      })));
    };
    group('Disputes', 'disputes', true);
    group('Disputed by', 'disputes', false);
    group('Supports', 'supports', true);
    group('Supported by', 'supports', false);
    panel.replaceChildren(...nodes);
  }

  // ---------------------------------------------------------------------------------------
  // Views

  async function renderFocus(state) {
    const stage = $('stage');
    if (state.claim === null || state.claim === undefined) {
      stage.replaceChildren(el('p', { class: 'message' }, claims.length ? 'Pick a claim with the search box.' : 'This map has no claims.'));
      $('panel').hidden = true;
      return;
    }
    const set = neighbourhood(state.claim, state.depth, FOCUS_LIMIT);
    renderClaimPanel(state.claim, state);
    if (set.truncated) {
      $('legend').prepend(el('span', { class: 'key', id: 'focus-truncated' },
        'Showing the ' + FOCUS_LIMIT + ' nearest claims of a larger neighbourhood; the panel lists every relation of this claim.'));
    }
    const dot = claimsDot(set, state, { radial: state.claim, classOf: (i) => (i === state.claim ? 'focus' : null) });
    await draw(stage, dot, (kind, index) => { if (kind === 'claim') go({ view: 'focus', claim: index }); });
    document.title = claims[state.claim].text.slice(0, 60) + ' · ' + DATA.title;
  }

  function matchesFilters(i) {
    const c = claims[i];
    const f = ui.filters;
    if (f.actor !== '' && c.actor !== Number(f.actor) && actors[c.actor].root !== Number(f.actor)) return false;
    if (f.source !== '' && c.source !== Number(f.source)) return false;
    if (f.tag !== '' && !c.tags.includes(f.tag)) return false;
    return true;
  }
  const filtering = () => ui.filters.actor !== '' || ui.filters.source !== '' || ui.filters.tag !== '';

  let mapDrawn = null;
  async function renderMap(state) {
    const stage = $('stage');
    if (claims.length > DATA.limits.fullDiagram) {
      stage.replaceChildren(el('div', { class: 'message' },
        el('p', null, 'This map has ' + claims.length + ' claims: the whole-map diagram is left out above ' + DATA.limits.fullDiagram +
          ' claims, because laying it out in the page would take long and the picture would be too dense to read.'),
        el('p', null, 'Use the focus view, the outline or the search box; or draw it with Graphviz: ',
          el('code', null, 'argraph render MAP --level actors --rollup -o actors.svg'), '.')));
      mapDrawn = null;
    } else {
      const key = [state.sem, state.sup, state.off.join(','), ui.colourIsStatus, ui.revealed, document.documentElement.dataset.theme].join('|');
      if (!mapDrawn || mapDrawn.key !== key || !stage.querySelector('svg')) {
        const all = new Set(claims.map((_, i) => i));
        await draw(stage, claimsDot(all, state, { clusters: true }), (kind, index) => {
          if (kind === 'claim') go({ view: 'map', claim: index });
        }, { legible: true, around: state.claim !== null && state.claim !== undefined ? 'claim-' + state.claim : null });
        mapDrawn = { key };
      }
      highlightMap(state);
    }
    if (state.claim !== null && state.claim !== undefined) renderClaimPanel(state.claim, state);
    else $('panel').hidden = true;
  }

  function highlightMap(state) {
    const svg = $('stage').querySelector('svg');
    if (!svg) return;
    const near = state.claim !== null && state.claim !== undefined ? neighbourhood(state.claim, 1) : null;
    for (const node of svg.querySelectorAll('g.node[data-kind="claim"]')) {
      const i = Number(node.dataset.index);
      node.classList.toggle('selected', i === state.claim);
      const dim = (near && !near.has(i)) || (filtering() && !matchesFilters(i));
      node.classList.toggle('dimmed', Boolean(dim));
    }
    for (const edge of svg.querySelectorAll('g.edge')) {
      const m = /^edge-(\d+)$/.exec(edge.id || '');
      if (!m) continue;
      const ends = relationClaims(Number(m[1]));
      const dim = (near && !ends.every((j) => near.has(j))) || (filtering() && !ends.some(matchesFilters));
      edge.classList.toggle('dimmed', Boolean(dim));
    }
  }

  function renderOutline(state) {
    const stage = $('stage');
    stage.classList.add('scroll');
    panzoom.svg = null;
    mapDrawn = null;
    const statuses = statusesOf(state);
    // Roots: claims that answer nothing, most answered first.
    const roots = claims.map((_, i) => i).filter((i) => outOf[i].length === 0)
      .sort((a, b) => (into[b].length - into[a].length) || (a - b));
    const item = (i, viaRelation, path) => {
      const c = claims[i];
      const li = el('li', { 'data-claim': c.id });
      const head = [];
      if (viaRelation !== null) {
        const rel = relations[viaRelation];
        head.push(el('span', { class: 'rel ' + rel.kind }, rel.kind === 'supports' ? 'Pro' : rel.kind === 'rebuts' ? 'Con' : 'Con (undercuts the link)'));
      }
      head.push(el('a', { href: claimHref(i) }, c.text), ' ', el('span', { class: 'actor' }, '— ' + actors[c.actor].name));
      if (ui.revealed && ui.colourIsStatus) head.push(' ', statusBadge(statuses.labels[i], statuses.credulous[i]));
      if (filtering() && !matchesFilters(i)) li.classList.add('dimmed');
      const children = into[i].slice();
      if (viaRelation !== null) children.push(...undercutsOf[viaRelation]);
      if (path.has(i)) {
        li.append(...head, ' ', el('span', { class: 'again' }, '(already above: a cycle)'));
        return li;
      }
      if (!children.length) {
        li.classList.add('leaf');
        li.append(...head);
        return li;
      }
      const details = el('details', null, el('summary', null, ...head));
      let filled = false;
      const fill = () => {
        if (filled) return;
        filled = true;
        const next = new Set(path); next.add(i);
        const sorted = children.slice().sort((a, b) => order(relations[a].kind) - order(relations[b].kind));
        details.append(el('ul', null, sorted.map((r) => item(relations[r].from, r, next))));
      };
      details.addEventListener('toggle', () => { if (details.open) fill(); });
      if (path.size < 1) { details.open = true; fill(); }
      li.append(details);
      return li;
    };
    const order = (kind) => (kind === 'supports' ? 0 : kind === 'rebuts' ? 1 : 2);
    const intro = el('p', { class: 'meta' }, 'Each claim that answers no other heads a tree: under it, its pros and cons, and theirs in turn. Open a claim to walk down; its text moves the focus there.');
    stage.replaceChildren(el('div', { class: 'outline', id: 'outline' }, intro, el('ul', null, roots.map((i) => item(i, null, new Set())))));
    if (state.claim !== null && state.claim !== undefined) renderClaimPanel(state.claim, state);
    else $('panel').hidden = true;
  }

  let actorsDrawn = null;
  async function renderActors(state) {
    const stage = $('stage');
    panzoom.svg = null;
    mapDrawn = null;
    const disputes = linkRows('disputes');
    const supports = linkRows('supports');
    const shown = new Set();
    for (const row of disputes.concat(supports)) { shown.add(row[0]); shown.add(row[1]); }
    const container = el('div', { class: 'actors-split' });
    const diagram = el('div', { class: 'diagram stage', id: 'actor-diagram' });
    const tables = el('div', { class: 'tables' });
    const table = (title, id, rows) => {
      tables.append(el('h3', null, title));
      if (!rows.length) { tables.append(el('p', { class: 'meta' }, 'None.')); return; }
      const sorted = rows.slice().sort((a, b) => b[2].length - a[2].length);
      tables.append(el('table', { id },
        el('thead', null, el('tr', null, el('th', null, 'From'), el('th', null, 'To'), el('th', null, 'Count'))),
        el('tbody', null, sorted.map((row) => el('tr', null,
          el('td', null, actorLink(row[0])), el('td', null, actorLink(row[1])),
          el('td', { class: 'count' }, el('details', null, el('summary', null, String(row[2].length)), pairsList(row[2], state))))))));
    };
    table('Who disputes whom', 'table-disputes', disputes);
    table('Who supports whom', 'table-supports', supports);
    container.append(diagram, tables);
    stage.classList.add('scroll');
    stage.replaceChildren(container);
    if (shown.size <= 150) {
      let dot = 'digraph actors {\n  layout=neato; overlap=false; sep="+14"; splines=true; bgcolor="transparent";\n  node [shape=box style="rounded,filled" fontname="Helvetica" fontsize=12 fillcolor="white"];\n  edge [fontname="Helvetica" fontsize=10 len=2.2];\n';
      for (const i of shown) {
        dot += '  a' + i + ' [id=' + dotString('actor-' + i) + ' class=' + dotString('actor fam-' + family(actors[i].kind) + (i === state.actor ? ' selected' : '')) +
          ' label=' + dotString(wrap(actors[i].name, 22, 3)) + ' tooltip=' + dotString(actors[i].name + ' (' + actors[i].kind + ')') + '];\n';
      }
      for (const row of supports) dot += '  a' + row[0] + ' -> a' + row[1] + ' [class="supports" label=' + dotString('×' + row[2].length) + ' penwidth=' + Math.min(1 + row[2].length * 0.5, 5) + '];\n';
      for (const row of disputes) dot += '  a' + row[0] + ' -> a' + row[1] + ' [class="disputes" arrowhead=tee label=' + dotString('×' + row[2].length) + ' penwidth=' + Math.min(1 + row[2].length * 0.5, 5) + '];\n';
      dot += '}\n';
      await drawInto(diagram, dot, (kind, index) => { if (kind === 'actor') go({ view: 'actors', actor: index }); });
    } else {
      diagram.append(el('p', { class: 'message' }, shown.size + ' actors take part: the diagram is left out; the tables below list every pair.'));
    }
    if (state.actor !== null && state.actor !== undefined) renderActorPanel(state.actor, state);
    else {
      const panel = $('panel');
      panel.hidden = false;
      panel.replaceChildren(el('h2', null, 'Actors'), el('p', null, 'Click an actor, in the diagram or the tables, to see its claims, whom it disputes and supports, and who disputes and supports it, with the claim pairs behind each count.'),
        el('p', { class: 'meta' }, 'Tick “Count members under their organisation” to count officials and products under the government or company they belong to.'));
    }
  }

  /** Draws the actor diagram into its own box (the actor view keeps its tables below it). */
  async function drawInto(box, dot, onNode) {
    box.classList.remove('scroll');
    if (await draw(box, dot, onNode)) attachPanZoom(box);
  }

  function attachPanZoom(box) {
    if (box.dataset.panzoom) return;
    box.dataset.panzoom = '1';
    box.addEventListener('wheel', (event) => {
      if (!panzoom.svg) return;
      event.preventDefault();
      zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX, event.clientY);
    }, { passive: false });
  }

  function renderQuestions(state) {
    const stage = $('stage');
    stage.classList.add('scroll');
    panzoom.svg = null;
    mapDrawn = null;
    const statuses = statusesOf(state);
    const box = el('div', { class: 'questions', id: 'questions' });
    box.append(el('h2', null, 'What the debate is about'),
      el('p', { class: 'meta' }, 'Each question with the claims that answer it. Open a claim to see what backs and attacks it' +
        (ui.revealed ? '; the badges say whether it stands under ' + state.sem + ' semantics.' : '.')));
    for (const q of DATA.questions) {
      const card = el('section', { class: 'question', id: 'question-' + q.id });
      card.append(el('h3', null, q.text));
      if (q.note) card.append(el('p', { class: 'meta' }, q.note));
      const side = (title, list, cls) => {
        const standing = list.filter((i) => statuses.labels[i] === 'IN').length;
        const head = title + ' (' + list.length + (ui.revealed ? ', ' + standing + ' standing' : '') + ')';
        return el('div', { class: 'side ' + cls }, el('h4', null, head),
          list.length ? el('ul', null, list.map((i) => el('li', null, ...claimLink(i, state)))) : el('p', { class: 'meta' }, 'No claim.'));
      };
      card.append(el('div', { class: 'sides' }, side('For', q.for, 'for'), side('Against', q.against, 'against')));
      box.append(card);
    }
    stage.replaceChildren(box);
    $('panel').hidden = true;
  }

  function renderExercises(state) {
    const stage = $('stage');
    stage.classList.add('scroll');
    panzoom.svg = null;
    mapDrawn = null;
    const list = DATA.expectations;
    const box = el('div', { class: 'exercises', id: 'exercises' });
    box.append(el('h2', null, 'Exercises'));
    if (!list.length) {
      box.append(el('p', null, 'This map has no exercises. A teacher adds them as `expectations` in a map file (see docs/format.md).'));
      stage.replaceChildren(box);
      $('panel').hidden = true;
      return;
    }
    box.append(el('p', null, 'For each claim, decide its status before you look: IN (accepted), OUT (rejected) or UNDEC (undecided), under the semantics and support mode given. ' +
      'Under complete, preferred and stable semantics, IN means accepted in every extension and OUT rejected by every one.'));
    list.forEach((e, k) => {
      const c = claims[e.claim];
      const chosen = ui.quiz.get(k);
      const card = el('div', { class: 'exercise', id: 'exercise-' + k });
      card.append(el('div', null, el('strong', null, (k + 1) + '. '), el('a', { href: claimHref(e.claim) }, c.text), el('span', { class: 'meta' }, ' — ' + actors[c.actor].name)));
      card.append(el('div', { class: 'meta' }, 'Under ' + e.semantics + ' semantics, supports ' + (e.support === 'none' ? 'ignored' : e.support) + (e.note ? '. ' + e.note : '')));
      const group = el('fieldset', null, el('legend', { class: 'visually-hidden' }, 'Status of ' + c.id));
      for (const label of ['IN', 'OUT', 'UNDEC']) {
        const input = el('input', { type: 'radio', name: 'exercise-' + k, value: label, checked: chosen === label, onchange: () => { ui.quiz.set(k, label); } });
        group.append(el('label', null, input, ' ' + label));
      }
      card.append(group);
      if (ui.quizChecked) {
        const truth = precomputed(e.semantics, e.support);
        const right = truth ? ({ I: 'IN', O: 'OUT', U: 'UNDEC' })[truth.labels[e.claim]] : e.status;
        const ok = chosen === right;
        card.append(el('div', { class: 'verdict ' + (ok ? 'right' : 'wrong') },
          chosen ? (ok ? '✓ Right: ' + right + '.' : '✗ Not ' + chosen + ': the answer is ' + right + '.') : '– Not answered: the answer is ' + right + '.'));
        const why = truth && truth.explanations ? DATA.reasons[truth.explanations[e.claim]] : null;
        if (why) card.append(el('div', { class: 'why' }, linkIds(why)));
      }
      box.append(card);
    });
    const check = el('button', { type: 'button', id: 'check-answers', onclick: () => {
      ui.quizChecked = true;
      ui.revealed = true;
      render();
    } }, 'Check my answers');
    box.append(el('p', null, check, ' ', ui.quizChecked ? scoreLine() : ''));
    stage.replaceChildren(box);
    $('panel').hidden = true;
  }

  function scoreLine() {
    let right = 0;
    DATA.expectations.forEach((e, k) => {
      const truth = precomputed(e.semantics, e.support);
      const answer = truth ? ({ I: 'IN', O: 'OUT', U: 'UNDEC' })[truth.labels[e.claim]] : e.status;
      if (ui.quiz.get(k) === answer) right++;
    });
    return el('strong', { id: 'score' }, right + ' of ' + DATA.expectations.length + ' right.');
  }

  // ---------------------------------------------------------------------------------------
  // Search

  function initSearch() {
    const input = $('search');
    const list = $('search-results');
    let results = [];
    let active = -1;
    const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; };
    const open = (k) => {
      const r = results[k];
      if (!r) return;
      close();
      input.blur();
      if (r.kind === 'claim') go({ view: 'focus', claim: r.index });
      else go({ view: 'actors', actor: r.index });
    };
    const mark = () => {
      list.querySelectorAll('li').forEach((li, k) => li.setAttribute('aria-selected', String(k === active)));
      const current = list.querySelector('li[aria-selected="true"]');
      if (current) current.scrollIntoView({ block: 'nearest' });
    };
    input.addEventListener('input', () => {
      const q = input.value.trim().toLowerCase();
      if (!q) { close(); return; }
      const words = q.split(/\s+/);
      results = [];
      actors.forEach((a, i) => {
        const text = (a.name + '\n' + a.id + '\n' + (a.role || '')).toLowerCase();
        if (words.every((w) => text.includes(w))) results.push({ kind: 'actor', index: i });
      });
      for (let i = 0; i < claims.length && results.length < 60; i++) {
        if (words.every((w) => searchText[i].includes(w)) && matchesFilters(i)) results.push({ kind: 'claim', index: i });
      }
      list.replaceChildren(...results.slice(0, 60).map((r, k) => el('li', {
        role: 'option', id: 'result-' + k, 'data-kind': r.kind,
        onmousedown: (event) => { event.preventDefault(); open(k); },
      }, el('span', { class: 'kind' }, r.kind), r.kind === 'claim' ? claims[r.index].text : actors[r.index].name,
      el('span', { class: 'id' }, r.kind === 'claim' ? claims[r.index].id + ' — ' + actors[claims[r.index].actor].name : actors[r.index].id))));
      if (!results.length) list.replaceChildren(el('li', { 'aria-disabled': 'true' }, 'Nothing matches “' + input.value + '”.'));
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      active = results.length ? 0 : -1;
      mark();
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown') { event.preventDefault(); active = Math.min(active + 1, results.length - 1); mark(); }
      else if (event.key === 'ArrowUp') { event.preventDefault(); active = Math.max(active - 1, 0); mark(); }
      else if (event.key === 'Enter') { event.preventDefault(); open(active < 0 ? 0 : active); }
      else if (event.key === 'Escape') { close(); input.blur(); }
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
  }

  // ---------------------------------------------------------------------------------------
  // Controls

  function initControls() {
    const semSelect = $('semantics');
    for (const s of semanticsOffered) semSelect.append(el('option', { value: s }, semanticsName[s] || s));
    const supSelect = $('support');
    for (const s of supportsOffered) supSelect.append(el('option', { value: s }, s === 'none' ? 'ignored' : s));
    semSelect.addEventListener('change', () => go({ sem: semSelect.value }));
    supSelect.addEventListener('change', () => go({ sup: supSelect.value }));
    $('depth').addEventListener('change', () => go({ depth: Number($('depth').value) }));
    $('colour').addEventListener('change', () => {
      ui.colour = $('colour').value;
      render();
    });
    $('rollup').addEventListener('change', () => { ui.rollup = $('rollup').checked; render(); });
    const fa = $('filter-actor');
    actors.forEach((a, i) => { if (claimsOf[i].length || membersOf[i].length) fa.append(el('option', { value: i }, a.name)); });
    const fs = $('filter-source');
    sources.forEach((s, i) => fs.append(el('option', { value: i }, s.publisher ? s.publisher + ': ' + s.title : s.title)));
    const ft = $('filter-tag');
    tags.forEach((t) => ft.append(el('option', { value: t }, t)));
    for (const [select, key] of [[fa, 'actor'], [fs, 'source'], [ft, 'tag']]) {
      select.addEventListener('change', () => { ui.filters[key] = select.value; render(); });
    }
    $('whatif-reset').addEventListener('click', () => go({ off: [] }));
    const theme = $('theme');
    let stored = null;
    try { stored = localStorage.getItem('argraph-theme'); } catch (e) { stored = null; }
    if (stored === 'dark' || stored === 'light') document.documentElement.dataset.theme = stored;
    theme.addEventListener('click', () => {
      const dark = document.documentElement.dataset.theme === 'dark' ||
        (!document.documentElement.dataset.theme && matchMedia('(prefers-color-scheme: dark)').matches);
      const next = dark ? 'light' : 'dark';
      document.documentElement.dataset.theme = next;
      theme.setAttribute('aria-pressed', String(next === 'dark'));
      try { localStorage.setItem('argraph-theme', next); } catch (e) { /* a file page may have no storage */ }
    });
    document.addEventListener('keydown', (event) => {
      const typing = /^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement && document.activeElement.tagName);
      if (event.key === '/' && !typing) { event.preventDefault(); $('search').focus(); $('search').select(); }
      else if (event.key === 'Escape' && !typing) {
        if (!$('panel').hidden) closePanel();
      } else if (!typing && panzoom.svg && (event.key === '+' || event.key === '=')) zoom(1.25);
      else if (!typing && panzoom.svg && event.key === '-') zoom(1 / 1.25);
      else if (!typing && panzoom.svg && event.key === '0') fit();
    });
    $('tab-questions').hidden = !DATA.questions.length;
    $('tab-exercises').hidden = !DATA.expectations.length;
    initSearch();
    initPanZoom();
    if (DATA.exercise) {
      $('colour').value = 'actor';
    }
  }

  function syncControls(state) {
    $('semantics').value = state.sem;
    $('support').value = state.sup;
    $('depth').value = String(state.depth);
    $('rollup').checked = ui.rollup;
    const statusOption = $('colour').querySelector('option[value="status"]');
    statusOption.disabled = !ui.revealed;
    if (!ui.revealed) ui.colour = 'actor';
    $('colour').value = ui.colour;
    ui.colourIsStatus = ui.colour === 'status' && ui.revealed;
    document.body.dataset.colour = ui.colourIsStatus ? 'status' : 'actor';
    document.body.dataset.view = state.view;
    for (const view of VIEWS) {
      const tab = $('tab-' + view);
      if (view === state.view) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
      const target = Object.assign({}, state, { view, actor: view === 'actors' ? state.actor : null });
      if (view === 'focus' && (target.claim === null || target.claim === undefined)) target.claim = DATA.start;
      tab.setAttribute('href', hashOf(target));
    }
    const whatif = $('whatif');
    whatif.hidden = state.off.length === 0;
    if (state.off.length) {
      $('whatif-list').replaceChildren(...state.off.map((i) => el('a', { class: 'chip', href: claimHref(i), title: claims[i].text }, claims[i].id)));
      if (ui.revealed) {
        const now = statusesOf(state);
        const base = baseStatuses(state);
        const changed = claims.map((_, i) => i).filter((i) => now.labels[i] !== 'OFF' && now.labels[i] !== base.labels[i]);
        $('whatif-changed').textContent = ' — ' + (changed.length === 0 ? 'no other status changes' : changed.length + (changed.length === 1 ? ' status changes' : ' statuses change')) + ' under ' + state.sem + ' semantics.';
        $('whatif-changed').dataset.changed = changed.map((i) => claims[i].id).join(',');
      } else {
        $('whatif-changed').textContent = '';
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Rendering the state

  async function render() {
    const state = readState();
    syncControls(state);
    renderLegend(state, state.view);
    if (state.view !== 'focus') document.title = DATA.title + ' · argraph explorer';
    switch (state.view) {
      case 'actors': await renderActors(state); break;
      case 'map': await renderMap(state); break;
      case 'outline': renderOutline(state); break;
      case 'exercises': renderExercises(state); break;
      case 'questions': renderQuestions(state); break;
      default: await renderFocus(state);
    }
    document.body.dataset.ready = 'true';
    window.dispatchEvent(new CustomEvent('argraph:rendered', { detail: { view: state.view } }));
  }

  initControls();
  window.addEventListener('hashchange', () => { render(); });
  if (DATA.exercise && location.hash === '') history.replaceState(null, '', '#view=exercises');
  render();

  // For tests and curious readers: the page's statuses as the page computes them.
  window.argraph = {
    statuses: (sem, sup, offIds) => statusesOf({ sem, sup, off: (offIds || []).map((id) => claimIndex.get(id)) }),
    claimIds: () => claims.map((c) => c.id),
  };
})();
