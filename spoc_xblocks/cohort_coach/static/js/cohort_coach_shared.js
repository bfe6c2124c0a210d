/* Helpers shared by the cohort coach's learner and trainer views: local times, form values, requests that redraw. */
window.CohortCoachShared = window.CohortCoachShared || (function () {
  'use strict';
  var S = window.SpocXBlocks;

  /* Rewrite each server-written UTC <time> into the viewer's own time zone and language. */
  function localizeTimes(container) {
    var language = document.documentElement.lang || navigator.language || undefined;
    Array.prototype.forEach.call(container.querySelectorAll('time[data-spoc-local]'), function (node) {
      var moment = new Date(node.getAttribute('datetime'));
      if (isNaN(moment.getTime())) { return; }
      try {
        node.textContent = node.getAttribute('data-spoc-local') === 'date'
          ? moment.toLocaleDateString(language, {dateStyle: 'medium', timeZone: 'UTC'})
          : moment.toLocaleString(language, {dateStyle: 'medium', timeStyle: 'short'});
      } catch (error) { /* an unknown language tag: keep the server's text */ }
    });
  }

  /* A form's named values: numbers as numbers (empty as null), radios as the checked one, checkboxes as lists. */
  function formValues(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled) { return; }
      if (field.type === 'checkbox') {
        values[field.name] = values[field.name] || [];
        if (field.checked) { values[field.name].push(field.value); }
      } else if (field.type === 'radio') {
        if (field.checked) { values[field.name] = field.value; }
        else if (!(field.name in values)) { values[field.name] = null; }
      } else if (field.type === 'number') {
        values[field.name] = field.value === '' ? null : Number(field.value);
      } else if (field.tagName !== 'BUTTON') {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function showError(form, message) {
    var alert = form && form.querySelector('[data-form-error]');
    if (!alert) { return; }
    alert.textContent = message;
    alert.hidden = !message;
  }

  /* One request at a time per block: POST, then hand the answer over, or show the error in the form. */
  function requester(runtime, element, root) {
    var busy = false;
    return function (handler, payload, form, done) {
      if (busy) { return; }
      busy = true;
      root.setAttribute('aria-busy', 'true');
      showError(form, '');
      S.postJSON(runtime.handlerUrl(element, handler), payload).then(function (answer) {
        done(answer);
        if (answer.announce) { S.announce(root, answer.announce); }
      }, function (error) {
        if (form && form.querySelector('[data-form-error]')) {
          showError(form, error.message);
          var field = form.querySelector('input, textarea');
          if (field) { field.focus(); }
        }
        S.announce(root, error.message);
      }).then(function () {
        busy = false;
        root.removeAttribute('aria-busy');
      });
    };
  }

  /* Move focus to what just changed: a thread, or the section's heading. */
  function focusIn(container, blockId, target) {
    var node = target && target.indexOf('thread-') === 0 ? document.getElementById(blockId + '-' + target) : null;
    node = node || container.querySelector('[data-focus]');
    if (node) { node.focus(); }
  }

  return {localizeTimes: localizeTimes, formValues: formValues, showError: showError, requester: requester,
          focusIn: focusIn};
}());
