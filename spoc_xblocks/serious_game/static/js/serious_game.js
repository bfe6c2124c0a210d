/* The serious game's player. spoc.js sends the buttons the screen declares and redraws the screen;
   after a refused step this script shows where the run really stands, then why. On the debrief,
   the path diagram starts folded on a narrow screen (the tables are the easier view there), and
   its hint about scrolling shows only while the drawing is wider than its region. A click on a
   simulation's screenshot sends where it fell, in fractions of the picture; the server decides
   which hotspot, if any, is there (the hotspots' buttons are the keyboard's way). */
function SeriousGameBlock(runtime, element) {
  'use strict';

  var S = window.SpocXBlocks;
  var root = S.root(element);
  var NARROW = '(max-width: 40rem)';

  function fitDiagrams() {
    root.querySelectorAll('[data-spoc-diagram]').forEach(function (part) {
      var region = part.querySelector('.spoc-sg__diagram');
      var hint = part.querySelector('[data-spoc-diagram-hint]');
      hint.hidden = region.scrollWidth <= region.clientWidth + 1;
    });
  }

  root.querySelectorAll('[data-spoc-diagram]').forEach(function (part) {
    if (window.matchMedia && window.matchMedia(NARROW).matches) { part.open = false; }
    part.addEventListener('toggle', fitDiagrams);
  });
  fitDiagrams();
  window.addEventListener('resize', fitDiagrams);

  function screen() {
    return root.querySelector('[data-spoc-region="screen"]');
  }

  var view = S.bind(runtime, element, {
    failed: function (error, handler) {
      if (error.status !== 400 || handler === 'start') { return false; }
      // The run may have moved on elsewhere (another tab): redraw it as it stands, then explain.
      S.post(runtime.handlerUrl(element, 'screen'), {}).then(function (answer) {
        S.apply(root, answer);
      }, function () {
        // Unreachable now: the screen stays as it was, with the reason.
      }).then(function () {
        S.showError(screen(), error.message);
      });
      return true;
    }
  });

  root.addEventListener('click', function (event) {
    var screenshot = event.target.closest('[data-sg-click]');
    if (!screenshot || !root.contains(screenshot)) { return; }
    var box = screenshot.querySelector('img').getBoundingClientRect();
    if (!box.width || !box.height) { return; }
    var payload = JSON.parse(screenshot.getAttribute('data-sg-click'));
    payload.x = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    payload.y = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height));
    view.send('click', payload, screenshot);
  });
}
