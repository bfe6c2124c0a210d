/* The engagement widgets for learners: send the pulse's answers or the skills check's levels, show what follows. */
function SpocEngagementForm(runtime, element, collect) {
  'use strict';
  var S = window.SpocXBlocks;
  var root = S.root(element);
  var busy = false;

  function panel() {
    return root.querySelector('[data-spoc-panel]');
  }

  function showError(form, message) {
    var alert = form.querySelector('[data-spoc-form-error]');
    alert.textContent = message;
    alert.hidden = false;
    alert.focus();
  }

  function send(form) {
    var button = form.querySelector('[data-spoc-submit]');
    if (busy || button.getAttribute('aria-disabled') === 'true') { return; }
    busy = true;
    button.setAttribute('aria-disabled', 'true');
    root.setAttribute('aria-busy', 'true');
    S.postJSON(runtime.handlerUrl(element, 'answer'), collect(form)).then(function (answer) {
      panel().innerHTML = answer.html; // rendered and escaped by the server
      var heading = panel().querySelector('[data-spoc-focus]');
      if (heading) { heading.focus(); }
      S.announce(root, answer.announce);
    }, function (error) {
      button.removeAttribute('aria-disabled');
      showError(form, error.message);
    }).then(function () {
      busy = false;
      root.removeAttribute('aria-busy');
    });
  }

  root.addEventListener('submit', function (event) {
    var form = event.target.closest('[data-spoc-form]');
    if (!form || !root.contains(form)) { return; }
    event.preventDefault();
    send(form);
  });
}

/* The pulse: {answers: {question id: a number, an option id, a list of option ids or a text}}, unanswered left out. */
function SpocPulseBlock(runtime, element, initArgs) {
  'use strict';
  SpocEngagementForm(runtime, element, function (form) {
    var answers = {};
    Array.prototype.forEach.call(form.querySelectorAll('[data-question]'), function (question) {
      var id = question.getAttribute('data-question');
      var kind = question.getAttribute('data-kind');
      if (kind === 'text') {
        var text = question.querySelector('textarea').value;
        if (text.trim()) { answers[id] = text; }
      } else if (kind === 'multiple') {
        var chosen = Array.prototype.map.call(question.querySelectorAll('input:checked'), function (input) {
          return input.value;
        });
        if (chosen.length) { answers[id] = chosen; }
      } else {
        var checked = question.querySelector('input:checked');
        if (checked) { answers[id] = kind === 'single' ? checked.value : parseInt(checked.value, 10); }
      }
    });
    return {answers: answers};
  });
}

/* The skills check: {levels: {competency id: level 1-5}} for every competency rated. */
function SpocSkillsCheckBlock(runtime, element, initArgs) {
  'use strict';
  SpocEngagementForm(runtime, element, function (form) {
    var levels = {};
    Array.prototype.forEach.call(form.querySelectorAll('[data-competency]'), function (competency) {
      var checked = competency.querySelector('input:checked');
      if (checked) { levels[competency.getAttribute('data-competency')] = parseInt(checked.value, 10); }
    });
    return {levels: levels};
  });
}
