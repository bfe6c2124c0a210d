/* The serious game's player. spoc.js sends the buttons the screen declares and redraws the screen;
   after a refused step this script shows where the run really stands, then why. On the debrief,
   the path diagram starts folded on a narrow screen (the tables are the easier view there), and
   its hint about scrolling shows only while the drawing is wider than its region. */
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

  S.bind(runtime, element, {
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
}
