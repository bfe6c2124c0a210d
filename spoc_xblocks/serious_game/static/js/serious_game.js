/* The serious game's player. spoc.js sends the buttons the screen declares and redraws the screen;
   after a refused step this script shows where the run really stands, then why. */
function SeriousGameBlock(runtime, element) {
  'use strict';

  var S = window.SpocXBlocks;
  var root = S.root(element);

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
