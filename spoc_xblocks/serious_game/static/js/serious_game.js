/* Learner player of the serious game: posts each action, swaps in the new screen, moves focus, announces. */
function SeriousGameBlock(runtime, element, initArgs) {
  'use strict';
  var root = SpocXBlocks.root(element);
  var busy = false;

  function screen() {
    return root.querySelector('[data-spoc-screen]');
  }

  function position() {
    var panel = screen().querySelector('[data-position]');
    return panel ? parseInt(panel.getAttribute('data-position'), 10) || 0 : 0;
  }

  function showError(message) {
    var panel = screen().querySelector('.spoc-sg__panel');
    var old = panel.querySelector('.spoc-sg__error');
    if (old) { old.parentNode.removeChild(old); }
    var alert = document.createElement('p');
    alert.className = 'spoc-alert spoc-sg__error';
    alert.setAttribute('role', 'alert');
    alert.textContent = message;
    panel.insertBefore(alert, panel.firstChild);
  }

  function render(answer) {
    screen().innerHTML = answer.html;
    var heading = screen().querySelector('.spoc-sg__heading');
    if (heading) { heading.focus(); }
    if (answer.announce) { SpocXBlocks.announce(root, answer.announce); }
  }

  function send(handler, payload) {
    if (busy) { return; }
    busy = true;
    root.setAttribute('aria-busy', 'true');
    SpocXBlocks.postJSON(runtime.handlerUrl(element, handler), payload).then(render, function (error) {
      if (error.status === 400 && handler !== 'start') {
        // The run may have moved on elsewhere (another tab): show where it really stands, then explain.
        return SpocXBlocks.postJSON(runtime.handlerUrl(element, 'screen'), {}).then(function (answer) {
          render(answer);
          showError(error.message);
        });
      }
      showError(error.message);
      SpocXBlocks.announce(root, error.message);
    }).then(function () {
      busy = false;
      root.removeAttribute('aria-busy');
    });
  }

  root.addEventListener('click', function (event) {
    var button = event.target.closest('[data-action]');
    if (!button || !root.contains(button) || button.getAttribute('aria-disabled') === 'true') { return; }
    var action = button.getAttribute('data-action');
    if (action === 'start') {
      send('start', {});
    } else if (action === 'choose') {
      send('choose', {choice_id: button.getAttribute('data-choice'), position: position()});
    } else if (action === 'back') {
      send('back', {position: position()});
    }
  });

}
