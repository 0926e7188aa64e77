/*
 * ArgraphSemantics: the argumentation engine of argraph's HTML explorer, so that a reader can
 * switch claims off ("what if") and see the statuses recomputed in the page.
 *
 * Plain ES2019, no modules, no dependencies: the page inlines this file in a <script> tag and
 * gets one global, `ArgraphSemantics`; node gets it through `module.exports` (the cross-check
 * in tests/it/explorer_semantics.rs runs it against `argraph eval`).
 *
 * It gives EXACTLY what `argraph eval` gives (docs/semantics.md; src/semantics/):
 *
 *   ArgraphSemantics.evaluate(framework, {semantics, support, without})
 *     framework  the JSON of semantics::map::bipolar_of_map:
 *                {n_claims: N, relations: [{from, kind: 'attack'|'support'|'undercut', target}]}
 *                (an undercut's target is the index of a relation)
 *     semantics  'grounded' (default), 'complete', 'preferred', 'stable', 'semi-stable', 'ideal'
 *     support    'none' (default), 'deductive', 'necessary'
 *     without    claim indices switched off, as if never said (as `argraph eval --without`)
 *   returns {labels: ['IN'|'OUT'|'UNDEC'|'OFF', ...], credulous: [bool, ...], hasExtension}
 *     one entry per claim: IN = in every extension, OUT = attacked by every extension,
 *     UNDEC otherwise, OFF = switched off; credulous = in some extension (false when OFF).
 *     With no stable extension: hasExtension false, every claim UNDEC and not credulous.
 *
 *   ArgraphSemantics.justify(framework, claim, {support, without, names})
 *     the grounded justification of one claim, as `argraph explain` gives it under grounded
 *     semantics: data (steps, the cycle that leaves an UNDEC claim open, what each argument is)
 *     and the same wording (`names`: the claims' ids, to name them as explain does).
 *
 *   ArgraphSemantics.flatten(framework, support) and .switchedOff(framework, without): the
 *     steps before, exposed for tests and for a page that wants to show them.
 *
 * How: the map is flattened to a Dung framework exactly as src/semantics/bipolar.rs does
 * (derived attacks through supports to a fixpoint, undercuts as auxiliary arguments, AFRA),
 * with the same argument numbering. The grounded labelling is the linear-time counting
 * algorithm of src/semantics/grounded.rs. For the other semantics, what grounded semantics
 * leaves undecided is split into its connected parts, which are independent; in each part every
 * complete labelling is found by a backtracking search over labels (IN, OUT, UNDEC) with
 * propagation of the labelling rules, and the preferred (IN maximal), stable (no UNDEC) and
 * semi-stable (UNDEC minimal) labellings are picked from them. The statuses follow as in
 * src/semantics/sat.rs (ideal: the sceptically preferred arguments pruned to an admissible set).
 *
 * Size: meant for debate maps of up to a few thousand claims whose undecided core is made of
 * small cycles (a few dozen arguments per connected part). The grounded part costs O(n + m);
 * each undecided part costs up to its number of complete labellings, which grows exponentially
 * with its independent choices (k separate even cycles in one part: 3^k). Past MAX_SEARCH search
 * steps `evaluate` throws an Error instead of freezing the page. On the bundled TikTok/WeChat
 * map (153 claims, 201 relations; up to 348 arguments and 1 680 attacks once flattened under
 * deductive support) an evaluation takes 0.1 to 1.3 ms in node 20 (median), whatever the
 * semantics; `evaluate` remembers its last flattening, so switching semantics costs less.
 */
(function (root) {
  'use strict';

  var SEMANTICS = ['grounded', 'complete', 'preferred', 'stable', 'semi-stable', 'ideal'];
  var SUPPORTS = ['none', 'deductive', 'necessary'];
  /** The most search steps (labels tried) of one evaluation before it gives up. */
  var MAX_SEARCH = 2000000;
  /** The most derived attacks and support-path states, as bipolar.rs's MAX_DERIVED. */
  var MAX_DERIVED = 5000000;

  var UNSET = 0;
  var IN = 1;
  var OUT = 2;
  var UNDEC = 3;
  var NAMES = ['', 'IN', 'OUT', 'UNDEC'];

  // ---------------------------------------------------------------------------------------
  // Input

  function check(framework) {
    if (!framework || typeof framework.n_claims !== 'number' || !Array.isArray(framework.relations)) {
      throw new Error('not an argraph framework: expected {n_claims, relations}');
    }
    var n = framework.n_claims;
    var rels = framework.relations;
    for (var i = 0; i < rels.length; i++) {
      var r = rels[i];
      if (!(r.from >= 0 && r.from < n)) {
        throw new Error('relation ' + i + ' names a claim that does not exist');
      }
      if (r.kind === 'attack' || r.kind === 'support') {
        if (!(r.target >= 0 && r.target < n)) {
          throw new Error('relation ' + i + ' names a claim that does not exist');
        }
      } else if (r.kind === 'undercut') {
        if (!(r.target >= 0 && r.target < rels.length) || r.target === i) {
          throw new Error('undercut ' + i + ' targets a relation that does not exist, or itself');
        }
      } else {
        throw new Error('relation ' + i + ' has an unknown kind `' + r.kind + '`');
      }
    }
  }

  function option(value, allowed, fallback, what) {
    if (value === undefined || value === null) {
      return fallback;
    }
    var v = String(value).toLowerCase();
    if (v === 'semistable') {
      v = 'semi-stable';
    }
    if (allowed.indexOf(v) < 0) {
      throw new Error('unknown ' + what + ' `' + value + '` (expected ' + allowed.join(', ') + ')');
    }
    return v;
  }

  /** Per claim: whether it is switched off. */
  function offMask(n, without) {
    var off = new Array(n).fill(false);
    (without || []).forEach(function (c) {
      if (c >= 0 && c < n) {
        off[c] = true;
      }
    });
    return off;
  }

  /**
   * The framework without the relations that involve a claim switched off: attacks and
   * supports from or to one, undercuts made by one, and undercuts of a relation left out,
   * recursively. Claims keep their indices; undercut targets are renumbered
   * (semantics::map::switched_off).
   */
  function switchedOff(framework, without) {
    check(framework);
    return withoutClaims(framework, offMask(framework.n_claims, without));
  }

  /** switchedOff, given per claim whether it is off. */
  function withoutClaims(framework, off) {
    var rels = framework.relations;
    var kept = new Array(rels.length).fill(null);
    for (var start = 0; start < rels.length; start++) {
      var chain = [];
      var i = start;
      var verdict;
      for (;;) {
        if (kept[i] !== null) {
          verdict = kept[i];
          break;
        }
        var r = rels[i];
        if (off[r.from]) {
          verdict = false;
          break;
        }
        if (r.kind !== 'undercut') {
          verdict = !off[r.target];
          break;
        }
        var t = r.target;
        if (t >= rels.length || t === i || chain.indexOf(t) >= 0) {
          verdict = false;
          break;
        }
        chain.push(i);
        i = t;
      }
      kept[i] = verdict;
      chain.forEach(function (c) {
        kept[c] = verdict;
      });
    }
    var newIndex = [];
    var next = 0;
    for (var k = 0; k < rels.length; k++) {
      newIndex.push(kept[k] ? next++ : -1);
    }
    var relations = [];
    rels.forEach(function (r, j) {
      if (kept[j]) {
        relations.push({
          from: r.from,
          kind: r.kind,
          target: r.kind === 'undercut' ? newIndex[r.target] : r.target
        });
      }
    });
    return { n_claims: framework.n_claims, relations: relations };
  }

  // ---------------------------------------------------------------------------------------
  // Flattening (src/semantics/bipolar.rs), with the same argument numbering

  /** Sorted union of two sorted arrays of numbers. */
  function union(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) {
        out.push(a[i++]);
      } else if (i >= a.length || b[j] < a[i]) {
        out.push(b[j++]);
      } else {
        out.push(a[i++]);
        j++;
      }
    }
    return out;
  }

  /** Whether sorted `a` is a subset of sorted `b`. */
  function subset(a, b) {
    var j = 0;
    for (var i = 0; i < a.length; i++) {
      while (j < b.length && b[j] < a[i]) {
        j++;
      }
      if (j >= b.length || b[j] !== a[i]) {
        return false;
      }
      j++;
    }
    return true;
  }

  /** Adds `cond` to the antichain `entry` (an array of sorted arrays) unless a subset is in it. */
  function addMinimal(entry, cond, getCond) {
    for (var i = 0; i < entry.length; i++) {
      if (subset(getCond(entry[i]), cond)) {
        return null;
      }
    }
    return entry.filter(function (old) {
      return !subset(cond, getCond(old));
    });
  }

  function identity(x) {
    return x;
  }

  /** Everything reachable from `start` along `adj`, with the minimal condition sets. */
  function reach(start, adj, budget) {
    var found = new Map();
    found.set(start, [[]]);
    var work = [[start, []]];
    while (work.length > 0) {
      var item = work.pop();
      var v = item[0];
      var cond = item[1];
      var edges = adj[v];
      for (var e = 0; e < edges.length; e++) {
        var w = edges[e][0];
        var c = edges[e][1];
        var next = c === null ? cond.slice() : union(cond, [c]);
        var entry = found.get(w) || [];
        var kept = addMinimal(entry, next, identity);
        if (kept === null) {
          found.set(w, entry);
          continue;
        }
        kept.push(next);
        found.set(w, kept);
        if (--budget.left < 0) {
          throw new Error('too many attacks, written or derived through supports (over ' + MAX_DERIVED + ')');
        }
        work.push([w, next]);
      }
    }
    return found;
  }

  function sortedKeys(map) {
    return Array.from(map.keys()).sort(function (a, b) {
      return a - b;
    });
  }

  /** A Dung framework from its attack pairs: sorted, duplicate-free rows both ways. */
  function framework(n, edges) {
    var attacks = [];
    var attackers = [];
    for (var i = 0; i < n; i++) {
      attacks.push([]);
      attackers.push([]);
    }
    edges.forEach(function (e) {
      attacks[e[0]].push(e[1]);
    });
    for (var a = 0; a < n; a++) {
      var row = attacks[a].sort(function (x, y) {
        return x - y;
      });
      var dedup = [];
      for (var k = 0; k < row.length; k++) {
        if (k === 0 || row[k] !== row[k - 1]) {
          dedup.push(row[k]);
        }
      }
      attacks[a] = dedup;
      for (var m = 0; m < dedup.length; m++) {
        attackers[dedup[m]].push(a);
      }
    }
    return { n: n, attacks: attacks, attackers: attackers };
  }

  /**
   * The Dung framework of a bipolar framework under a support mode: {af: {n, attacks,
   * attackers}, origin, nClaims}. Arguments 0..n_claims are the claims; origin[i] is
   * {kind: 'claim', claim}, {kind: 'attack', from, to, base, reliesOn} or
   * {kind: 'undercut', relation}.
   */
  function flatten(fw, support) {
    check(fw);
    var mode = option(support, SUPPORTS, 'none', 'support mode');
    var n = fw.n_claims;
    var rels = fw.relations;
    var origin = [];
    for (var c0 = 0; c0 < n; c0++) {
      origin.push({ kind: 'claim', claim: c0 });
    }
    var anySupport = rels.some(function (r) {
      return r.kind === 'support';
    });
    var anyUndercut = rels.some(function (r) {
      return r.kind === 'undercut';
    });
    if (!(mode !== 'none' && anySupport) && !anyUndercut) {
      var plain = rels
        .filter(function (r) {
          return r.kind === 'attack';
        })
        .map(function (r) {
          return [r.from, r.target];
        });
      return { af: framework(n, plain), origin: origin, nClaims: n };
    }
    // The undercuts of each relation.
    var undercutsOf = rels.map(function () {
      return [];
    });
    rels.forEach(function (r, i) {
      if (r.kind === 'undercut') {
        undercutsOf[r.target].push(i);
      }
    });
    var defeasible = function (i) {
      return undercutsOf[i].length > 0;
    };
    // The support graph, oriented so that `reach` from an attack's ends finds the claims the
    // derived attacks go from and to.
    var adj = [];
    for (var c1 = 0; c1 < n; c1++) {
      adj.push([]);
    }
    rels.forEach(function (r, i) {
      if (r.kind !== 'support') {
        return;
      }
      var cond = defeasible(i) ? i : null;
      if (mode === 'deductive') {
        adj[r.target].push([r.from, cond]);
      } else if (mode === 'necessary') {
        adj[r.from].push([r.target, cond]);
      }
    });
    var budget = { left: MAX_DERIVED };
    var reachCache = new Map();
    // "from,to" -> [[cond, base], ...]; iterated in (from, to) order.
    var derived = new Map();
    rels.forEach(function (r, i) {
      if (r.kind !== 'attack') {
        return;
      }
      [r.from, r.target].forEach(function (end) {
        if (!reachCache.has(end)) {
          reachCache.set(end, reach(end, adj, budget));
        }
      });
      var sources = reachCache.get(r.from);
      var targets = reachCache.get(r.target);
      var sourceKeys = sortedKeys(sources);
      var targetKeys = sortedKeys(targets);
      sourceKeys.forEach(function (c) {
        var cConds = sources.get(c);
        targetKeys.forEach(function (t) {
          var tConds = targets.get(t);
          cConds.forEach(function (cc) {
            tConds.forEach(function (tc) {
              var cond = union(cc, tc);
              if (defeasible(i)) {
                cond = union(cond, [i]);
              }
              var key = c * (n + 1) + t;
              var entry = derived.get(key) || [];
              var kept = addMinimal(entry, cond, function (x) {
                return x[0];
              });
              if (kept === null) {
                derived.set(key, entry);
                return;
              }
              kept.push([cond, i]);
              derived.set(key, kept);
              if (--budget.left < 0) {
                throw new Error('too many attacks, written or derived through supports (over ' + MAX_DERIVED + ')');
              }
            });
          });
        });
      });
    });
    var edges = [];
    var depends = rels.map(function () {
      return [];
    });
    var auxSources = [];
    sortedKeys(derived).forEach(function (key) {
      var c = Math.floor(key / (n + 1));
      var t = key % (n + 1);
      derived.get(key).forEach(function (pair) {
        var cond = pair[0];
        if (cond.length === 0) {
          edges.push([c, t]);
          return;
        }
        var aux = origin.length;
        origin.push({ kind: 'attack', from: c, to: t, base: pair[1], reliesOn: cond });
        edges.push([aux, t]);
        cond.forEach(function (rel) {
          depends[rel].push(aux);
        });
        auxSources.push([aux, c]);
      });
    });
    var carrier = rels.map(function () {
      return 0;
    });
    rels.forEach(function (r, i) {
      if (r.kind !== 'undercut') {
        return;
      }
      if (defeasible(i)) {
        var aux = origin.length;
        origin.push({ kind: 'undercut', relation: i });
        depends[i].push(aux);
        auxSources.push([aux, r.from]);
        carrier[i] = aux;
      } else {
        carrier[i] = r.from;
      }
    });
    rels.forEach(function (r, i) {
      if (r.kind === 'undercut') {
        depends[r.target].forEach(function (aux) {
          edges.push([carrier[i], aux]);
        });
      }
    });
    // AFRA's indirect defeat: whatever attacks a claim attacks the attacks it makes.
    var claimAttackers = [];
    for (var c2 = 0; c2 < n; c2++) {
      claimAttackers.push([]);
    }
    edges.forEach(function (e) {
      if (e[1] < n) {
        claimAttackers[e[1]].push(e[0]);
      }
    });
    auxSources.forEach(function (pair) {
      claimAttackers[pair[1]].forEach(function (a) {
        edges.push([a, pair[0]]);
      });
    });
    return { af: framework(origin.length, edges), origin: origin, nClaims: n };
  }

  // ---------------------------------------------------------------------------------------
  // Grounded semantics (src/semantics/grounded.rs)

  /** The grounded labelling, and for each OUT argument the IN attacker that first defeated it. */
  function groundedTrace(af) {
    var n = af.n;
    var labels = new Array(n).fill(UNDEC);
    var defeater = new Array(n).fill(-1);
    var live = af.attackers.map(function (row) {
      return row.length;
    });
    var queue = [];
    for (var a = 0; a < n; a++) {
      if (live[a] === 0) {
        queue.push(a);
      }
    }
    for (var head = 0; head < queue.length; head++) {
      var x = queue[head];
      labels[x] = IN;
      var hit = af.attacks[x];
      for (var i = 0; i < hit.length; i++) {
        var b = hit[i];
        if (labels[b] !== UNDEC) {
          continue;
        }
        labels[b] = OUT;
        defeater[b] = x;
        var next = af.attacks[b];
        for (var j = 0; j < next.length; j++) {
          var c = next[j];
          live[c] -= 1;
          if (live[c] === 0 && labels[c] === UNDEC) {
            queue.push(c);
          }
        }
      }
    }
    return { labels: labels, defeater: defeater };
  }

  // ---------------------------------------------------------------------------------------
  // Complete labellings of what grounded semantics leaves undecided

  /**
   * The connected parts of the undecided arguments (attacks between them, either way), each a
   * sorted array of arguments.
   */
  function undecidedParts(af, grounded) {
    var parent = [];
    for (var a = 0; a < af.n; a++) {
      parent.push(a);
    }
    function find(x) {
      while (parent[x] !== x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
      }
      return x;
    }
    for (var b = 0; b < af.n; b++) {
      if (grounded[b] !== UNDEC) {
        continue;
      }
      af.attacks[b].forEach(function (c) {
        if (grounded[c] === UNDEC) {
          parent[find(b)] = find(c);
        }
      });
    }
    var parts = new Map();
    for (var d = 0; d < af.n; d++) {
      if (grounded[d] === UNDEC) {
        var r = find(d);
        if (!parts.has(r)) {
          parts.set(r, []);
        }
        parts.get(r).push(d);
      }
    }
    return Array.from(parts.values());
  }

  /**
   * Every complete labelling of one undecided part (its arguments' attackers outside the part
   * are OUT in every complete labelling, so they are left out), as arrays of labels in the
   * order of `part`. With `stableOnly`, only labellings without UNDEC. A backtracking search:
   * pick the first unlabelled argument, try IN, OUT, UNDEC, and after each choice label what
   * the rules force (IN exactly when every attacker is OUT; OUT exactly when some attacker is
   * IN), undoing on a contradiction.
   */
  function completeLabellings(af, grounded, part, stableOnly, steps) {
    var k = part.length;
    var local = new Map();
    part.forEach(function (a, i) {
      local.set(a, i);
    });
    var attackers = [];
    var attacks = [];
    part.forEach(function (a) {
      attackers.push(
        af.attackers[a]
          .filter(function (b) {
            return grounded[b] === UNDEC;
          })
          .map(function (b) {
            return local.get(b);
          })
      );
      attacks.push(
        af.attacks[a]
          .filter(function (b) {
            return grounded[b] === UNDEC;
          })
          .map(function (b) {
            return local.get(b);
          })
      );
    });
    var lab = new Array(k).fill(UNSET);
    var trail = [];
    var found = [];

    function set(x, l, queue) {
      lab[x] = l;
      trail.push(x);
      queue.push(x);
      attackers[x].forEach(function (y) {
        queue.push(y);
      });
      attacks[x].forEach(function (y) {
        queue.push(y);
      });
    }

    /** Labels what the rules force around the queued arguments; false on a contradiction. */
    function propagate(queue) {
      while (queue.length > 0) {
        var a = queue.pop();
        var att = attackers[a];
        var nIn = 0;
        var nUndec = 0;
        var nUnset = 0;
        var unset = -1;
        for (var i = 0; i < att.length; i++) {
          var l = lab[att[i]];
          if (l === IN) {
            nIn++;
          } else if (l === UNDEC) {
            nUndec++;
          } else if (l === UNSET) {
            nUnset++;
            unset = att[i];
          }
        }
        switch (lab[a]) {
          case UNSET:
            if (nIn > 0) {
              set(a, OUT, queue);
            } else if (nUnset === 0 && nUndec === 0) {
              set(a, IN, queue);
            } else if (nUnset === 0) {
              if (stableOnly) {
                return false;
              }
              set(a, UNDEC, queue);
            }
            break;
          case IN:
            if (nIn > 0 || nUndec > 0) {
              return false;
            }
            for (var j = 0; j < att.length; j++) {
              if (lab[att[j]] === UNSET) {
                set(att[j], OUT, queue);
              }
            }
            break;
          case OUT:
            if (nIn === 0) {
              if (nUnset === 0) {
                return false;
              }
              if (nUnset === 1) {
                set(unset, IN, queue);
              }
            }
            break;
          case UNDEC:
            if (nIn > 0 || (nUnset === 0 && nUndec === 0)) {
              return false;
            }
            if (nUndec === 0 && nUnset === 1) {
              if (stableOnly) {
                return false;
              }
              set(unset, UNDEC, queue);
            }
            break;
        }
      }
      return true;
    }

    function undo(mark) {
      while (trail.length > mark) {
        lab[trail.pop()] = UNSET;
      }
    }

    var choices = stableOnly ? [IN, OUT] : [IN, OUT, UNDEC];

    function search(from) {
      var x = from;
      while (x < k && lab[x] !== UNSET) {
        x++;
      }
      if (x === k) {
        found.push(lab.slice());
        return;
      }
      for (var c = 0; c < choices.length; c++) {
        if (++steps.count > MAX_SEARCH) {
          throw new Error(
            'this framework is too hard for the in-page engine (over ' + MAX_SEARCH +
              ' search steps); use `argraph eval`'
          );
        }
        var mark = trail.length;
        var queue = [];
        set(x, choices[c], queue);
        if (propagate(queue)) {
          search(x + 1);
        }
        undo(mark);
      }
    }

    // Nothing should be forced before the first choice (grounded semantics settled that), but
    // the rules are applied once to be sure.
    var all = [];
    for (var a = 0; a < k; a++) {
      all.push(a);
    }
    if (propagate(all)) {
      search(0);
    }
    return found;
  }

  /** The labellings among `all` whose set of arguments with label `l` is maximal (or minimal). */
  function extremal(all, l, maximal) {
    var sets = all.map(function (lab) {
      var s = [];
      lab.forEach(function (x, i) {
        if (x === l) {
          s.push(i);
        }
      });
      return s;
    });
    return all.filter(function (lab, i) {
      return !sets.some(function (other, j) {
        if (j === i || other.length === sets[i].length) {
          return false;
        }
        return maximal ? subset(sets[i], other) : subset(other, sets[i]);
      });
    });
  }

  // ---------------------------------------------------------------------------------------
  // Statuses (src/semantics/sat.rs, `evaluate`)

  /** Per argument of `af`: label (IN, OUT, UNDEC codes), credulous, and hasExtension. */
  function evaluateAf(af, sem) {
    var n = af.n;
    var grounded = groundedTrace(af).labels;
    var inGrounded = grounded.map(function (l) {
      return l === IN;
    });
    if (sem === 'grounded') {
      return { labels: grounded, credulous: inGrounded, hasExtension: true };
    }
    var parts = undecidedParts(af, grounded);
    var steps = { count: 0 };
    var labels = grounded.slice();
    var credulous = inGrounded.slice();
    if (sem === 'stable') {
      var perPart = [];
      for (var p = 0; p < parts.length; p++) {
        var stable = completeLabellings(af, grounded, parts[p], true, steps);
        if (stable.length === 0) {
          return { labels: new Array(n).fill(UNDEC), credulous: new Array(n).fill(false), hasExtension: false };
        }
        perPart.push(stable);
      }
      parts.forEach(function (part, q) {
        summarise(part, perPart[q], perPart[q], labels, credulous);
      });
      return { labels: labels, credulous: credulous, hasExtension: true };
    }
    var sceptIn = inGrounded.slice();
    parts.forEach(function (part) {
      var all = completeLabellings(af, grounded, part, false, steps);
      // Preferred: IN maximal. Semi-stable: range maximal, that is UNDEC minimal (every
      // semi-stable labelling is preferred, and a complete labelling's range is within that of
      // a preferred one above it, so looking among the preferred ones is enough).
      var preferred = extremal(all, IN, true);
      var scratch = labels.slice();
      if (sem === 'semi-stable') {
        var semiStable = extremal(preferred, UNDEC, false);
        summarise(part, semiStable, semiStable, labels, credulous);
      } else if (sem === 'preferred') {
        summarise(part, preferred, preferred, labels, credulous);
      } else {
        // Complete: the labels are the grounded ones (the least complete labelling); in some
        // complete extension = in some preferred one.
        summarise(part, preferred, preferred, scratch, credulous);
      }
      if (sem === 'ideal') {
        summarise(part, preferred, all, scratch, []);
        part.forEach(function (a) {
          sceptIn[a] = scratch[a] === IN;
        });
      }
    });
    if (sem === 'ideal') {
      var ext = idealPrune(af, sceptIn);
      var lab = fromExtension(af, ext);
      return { labels: lab, credulous: ext, hasExtension: true };
    }
    return { labels: labels, credulous: credulous, hasExtension: true };
  }

  /**
   * Writes into `labels` each argument's status over the labellings `chosen` (IN in all, OUT in
   * all, else UNDEC), and into `credulous` whether it is IN in one of `credible`.
   */
  function summarise(part, chosen, credible, labels, credulous) {
    part.forEach(function (a, i) {
      var allIn = chosen.every(function (lab) {
        return lab[i] === IN;
      });
      var allOut = chosen.every(function (lab) {
        return lab[i] === OUT;
      });
      labels[a] = allIn ? IN : allOut ? OUT : UNDEC;
      credulous[a] = credible.some(function (lab) {
        return lab[i] === IN;
      });
    });
  }

  /** The ideal extension from the sceptically preferred arguments (sat.rs, ideal_extension). */
  function idealPrune(af, set) {
    set = set.slice();
    for (;;) {
      var attacked = new Array(af.n).fill(false);
      for (var a = 0; a < af.n; a++) {
        if (set[a]) {
          af.attacks[a].forEach(function (b) {
            attacked[b] = true;
          });
        }
      }
      var changed = false;
      for (var c = 0; c < af.n; c++) {
        if (
          set[c] &&
          af.attackers[c].some(function (b) {
            return !attacked[b];
          })
        ) {
          set[c] = false;
          changed = true;
        }
      }
      if (!changed) {
        return set;
      }
    }
  }

  /** The labelling of an extension: IN = it, OUT = what it attacks, UNDEC = the rest. */
  function fromExtension(af, ext) {
    var labels = new Array(af.n).fill(UNDEC);
    for (var a = 0; a < af.n; a++) {
      if (ext[a]) {
        labels[a] = IN;
      }
    }
    for (var b = 0; b < af.n; b++) {
      if (ext[b]) {
        af.attacks[b].forEach(function (c) {
          if (labels[c] === UNDEC) {
            labels[c] = OUT;
          }
        });
      }
    }
    return labels;
  }

  /**
   * The flattening of `fw` with the claims `off` switched off. The last one is remembered, so
   * that switching semantics does not flatten again: a framework is taken to be immutable once
   * given to the engine (the page embeds it once).
   */
  var last = { fw: null, support: null, key: null, flat: null };
  function flattenWithout(fw, support, off) {
    var key = off.join();
    if (last.fw === fw && last.support === support && last.key === key) {
      return last.flat;
    }
    var anyOff = off.some(function (o) {
      return o;
    });
    var flat = flatten(anyOff ? withoutClaims(fw, off) : fw, support);
    last = { fw: fw, support: support, key: key, flat: flat };
    return flat;
  }

  /** The statuses of a map's claims, as `argraph eval [--without ...] --format json`. */
  function evaluate(fw, opts) {
    opts = opts || {};
    check(fw);
    var sem = option(opts.semantics, SEMANTICS, 'grounded', 'semantics');
    var support = option(opts.support, SUPPORTS, 'none', 'support mode');
    var off = offMask(fw.n_claims, opts.without);
    var ev = evaluateAf(flattenWithout(fw, support, off).af, sem);
    var labels = [];
    var credulous = [];
    for (var c = 0; c < fw.n_claims; c++) {
      labels.push(off[c] ? 'OFF' : NAMES[ev.labels[c]]);
      credulous.push(!off[c] && ev.credulous[c]);
    }
    return { labels: labels, credulous: credulous, hasExtension: ev.hasExtension };
  }

  // ---------------------------------------------------------------------------------------
  // Grounded justification (src/semantics/explain.rs and the wording of map.rs)

  /** The cycle of undecided arguments that leaves `a` open (explain.rs, open_cycle). */
  function openCycle(af, labels, a) {
    var undec = function (x) {
      return labels[x] === UNDEC;
    };
    if (!undec(a)) {
      return null;
    }
    var path = [a];
    var index = new Map();
    index.set(a, 0);
    for (;;) {
      var cur = path[path.length - 1];
      var attackers = af.attackers[cur];
      var next = -1;
      var best = -1;
      attackers.forEach(function (b) {
        if (undec(b) && index.has(b) && index.get(b) > best) {
          best = index.get(b);
          next = b;
        }
      });
      if (next < 0) {
        for (var i = 0; i < attackers.length; i++) {
          if (undec(attackers[i])) {
            next = attackers[i];
            break;
          }
        }
      }
      if (next < 0) {
        return null;
      }
      if (index.has(next)) {
        var start = index.get(next);
        return { cycle: path.slice(start).reverse(), chain: path.slice(0, start + 1).reverse() };
      }
      index.set(next, path.length);
      path.push(next);
    }
  }

  /**
   * Why a claim has its grounded status, as `argraph explain MAP CLAIM` (grounded semantics)
   * says it: {claim, label ('IN'|'OUT'|'UNDEC'|'OFF'), steps: [{arg, label, because: [arg]}]
   * (root first, each argument once; IN: all its attackers; OUT: its defeater), open: {cycle,
   * chain} or null (UNDEC), args: {arg: what it is}, verdict, lines} where `lines` are the
   * explanation's bullet points. Arguments are indices of the flattened framework: below
   * n_claims a claim, above an attack or an undercut that can be undercut (see `args`).
   */
  function justify(fw, claim, opts) {
    opts = opts || {};
    check(fw);
    var support = option(opts.support, SUPPORTS, 'none', 'support mode');
    if (!(claim >= 0 && claim < fw.n_claims)) {
      throw new Error('claim ' + claim + ' does not exist');
    }
    var names = opts.names || [];
    var off = offMask(fw.n_claims, opts.without);
    var claimName = function (c) {
      return names[c] !== undefined ? '`' + names[c] + '`' : '#' + c;
    };
    if (off[claim]) {
      return {
        claim: claim,
        label: 'OFF',
        steps: [],
        open: null,
        args: {},
        verdict: claimName(claim) + ' is switched off: as if it had never been said.',
        lines: []
      };
    }
    var kept = withoutClaims(fw, off);
    var flat = flatten(kept, support);
    var af = flat.af;
    var trace = groundedTrace(af);
    var labels = trace.labels;
    var steps = [];
    if (labels[claim] !== UNDEC) {
      var seen = new Array(af.n).fill(false);
      var queue = [claim];
      seen[claim] = true;
      for (var head = 0; head < queue.length; head++) {
        var x = queue[head];
        var because = labels[x] === IN ? af.attackers[x].slice() : trace.defeater[x] >= 0 ? [trace.defeater[x]] : [];
        because.forEach(function (y) {
          if (!seen[y]) {
            seen[y] = true;
            queue.push(y);
          }
        });
        steps.push({ arg: x, label: NAMES[labels[x]], because: because });
      }
    }
    var open = openCycle(af, labels, claim);
    var words = wording(kept, flat, support, claimName);
    var args = {};
    var describe = function (a) {
      args[a] = words.describe(a);
    };
    steps.forEach(function (s) {
      describe(s.arg);
      s.because.forEach(describe);
    });
    if (open) {
      open.cycle.forEach(describe);
      open.chain.forEach(describe);
    }
    var label = NAMES[labels[claim]];
    var supportWords = support === 'none' ? 'supports ignored' : support + ' support';
    var verdict =
      'Under grounded semantics (' + supportWords + '), ' + claimName(claim) + ' is ' +
      words.statusWord(labels[claim]).toUpperCase() + ' (' + label + ').';
    var lines = steps.map(function (s) {
      var l = labels[s.arg];
      if (l === IN && s.because.length === 0) {
        return words.status(s.arg, IN) + ': nothing attacks it.';
      }
      if (l === IN) {
        return (
          words.status(s.arg, IN) + ' because everything that attacks it is defeated: ' +
          s.because.map(words.name).join(', ') + '.'
        );
      }
      if (s.because.length > 0) {
        var d = s.because[0];
        return (
          words.status(s.arg, l) + ' because ' + words.attacks(d, s.arg) + ', and ' + words.name(d) +
          ' is ' + (words.isClaim(d) ? 'accepted' : 'in force') + '.'
        );
      }
      return words.status(s.arg, l);
    });
    if (open) {
      lines.push('It is caught in a cycle of attacks that grounded semantics cannot break.');
      lines = lines.concat(words.open(open));
    }
    return {
      claim: claim,
      label: label,
      steps: steps,
      open: open,
      args: args,
      verdict: verdict,
      lines: lines
    };
  }

  /** The words of map.rs's Namer, for a flattened framework. */
  function wording(fw, flat, support, claimName) {
    var origin = flat.origin;
    var rels = fw.relations;
    var isClaim = function (a) {
      return origin[a] !== undefined && origin[a].kind === 'claim';
    };
    var direct = function (from, to) {
      return rels.some(function (r) {
        return r.kind === 'attack' && r.from === from && r.target === to;
      });
    };
    var attackNoun = function (from, to) {
      return direct(from, to) ? 'rebuttal' : 'indirect attack';
    };
    var name = function (a) {
      var o = origin[a];
      if (!o) {
        return '#' + a;
      }
      if (o.kind === 'claim') {
        return claimName(o.claim);
      }
      if (o.kind === 'attack') {
        return 'the ' + attackNoun(o.from, o.to) + ' of ' + claimName(o.to) + ' by ' + claimName(o.from);
      }
      var r = rels[o.relation];
      return r ? 'the undercut by ' + claimName(r.from) : 'undercut #' + o.relation;
    };
    var isUndercutter = function (c, b) {
      var o = origin[b];
      var relies = o && o.kind === 'attack' ? o.reliesOn : o && o.kind === 'undercut' ? [o.relation] : [];
      return rels.some(function (r) {
        return r.kind === 'undercut' && r.from === c && relies.indexOf(r.target) >= 0;
      });
    };
    var attacks = function (a, b) {
      var na = name(a);
      var nb = name(b);
      var oa = origin[a];
      var ob = origin[b];
      if (oa && ob && oa.kind === 'claim' && ob.kind === 'claim') {
        return attackNoun(oa.claim, ob.claim) === 'rebuttal'
          ? na + ' rebuts ' + nb
          : na + ' attacks ' + nb + ' indirectly, through supports (' + support + ' support)';
      }
      if (oa && oa.kind === 'attack') {
        return na + ' holds against ' + nb;
      }
      if (ob && ob.kind !== 'claim') {
        if (oa && oa.kind === 'claim' && !isUndercutter(oa.claim, b)) {
          return na + ' defeats the author of ' + nb;
        }
        return na + ' undercuts ' + nb;
      }
      return na + ' attacks ' + nb;
    };
    var statusWord = function (l) {
      return l === IN ? 'accepted' : l === OUT ? 'rejected' : 'undecided';
    };
    var status = function (a, l) {
      var word = isClaim(a) ? statusWord(l) : l === IN ? 'in force' : l === OUT ? 'void' : 'undecided';
      return name(a) + ' is ' + word;
    };
    var describe = function (a) {
      var o = origin[a];
      if (o.kind === 'claim') {
        return { kind: 'claim', claim: o.claim, name: name(a) };
      }
      if (o.kind === 'attack') {
        return { kind: 'attack', from: o.from, to: o.to, direct: direct(o.from, o.to), reliesOn: o.reliesOn, name: name(a) };
      }
      return { kind: 'undercut', relation: o.relation, from: rels[o.relation].from, name: name(a) };
    };
    var openWords = function (open) {
      var cycle = open.cycle.map(name);
      var parity =
        open.cycle.length === 1
          ? 'it attacks itself, so accepting it would contradict itself'
          : open.cycle.length % 2 === 1
            ? 'an odd cycle: accepting any of them leads round the cycle to rejecting it, so no choice settles it'
            : 'an even cycle: either side can be taken, and nothing outside the cycle settles which';
      var out = ['The cycle ' + cycle.join(' → ') + ' → ' + (cycle[0] || '') + ': ' + parity + '.'];
      if (open.chain.length > 1) {
        out.push('The cycle reaches it through the attacks ' + open.chain.map(name).join(' → ') + '.');
      }
      return out;
    };
    return {
      name: name,
      isClaim: isClaim,
      attacks: attacks,
      status: status,
      statusWord: statusWord,
      describe: describe,
      open: openWords
    };
  }

  var ArgraphSemantics = {
    SEMANTICS: SEMANTICS.slice(),
    SUPPORTS: SUPPORTS.slice(),
    evaluate: evaluate,
    justify: justify,
    flatten: flatten,
    switchedOff: switchedOff
  };

  root.ArgraphSemantics = ArgraphSemantics;
  if (typeof module !== 'undefined' && module.exports) {
    module.exports = ArgraphSemantics;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
