/* argraph serve: keeps the explorer page live. The server streams the map's state on
 * /events: `valid` with the map's version (the page reloads itself when the version is not its
 * own, keeping its address's fragment, so the reader keeps the claim in view) or `invalid` with
 * the diagnostics, shown over the last good view until the map is mended. */
(function () {
  'use strict';
  if (typeof EventSource === 'undefined') return;
  const own = window.ARGRAPH_LIVE.version;
  let box = null;
  function show(text) {
    if (!box) {
      box = document.createElement('section');
      box.id = 'live-problems';
      box.className = 'live-problems';
      box.setAttribute('role', 'alert');
      const title = document.createElement('h2');
      title.textContent = 'The map has errors: this is the last good view';
      const hint = document.createElement('p');
      hint.textContent = 'Mend the files and save: the page follows.';
      const pre = document.createElement('pre');
      box.append(title, hint, pre);
      document.body.append(box);
    }
    box.querySelector('pre').textContent = text;
    box.hidden = false;
    document.body.dataset.live = 'invalid';
  }
  const events = new EventSource('/events');
  events.addEventListener('valid', (event) => {
    if (Number(event.data) !== own) location.reload();
    else {
      if (box) box.hidden = true;
      document.body.dataset.live = 'valid';
    }
  });
  events.addEventListener('invalid', (event) => show(event.data));
})();
