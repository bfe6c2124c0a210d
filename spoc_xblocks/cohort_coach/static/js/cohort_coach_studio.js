/* The cohort coach's Studio editor: settings, questions and at-risk thresholds, saved in one request. */
function CohortCoachStudio(runtime, element) {
  'use strict';
  var S = SpocXBlocks;
  var root = S.root(element);
  var form = root.querySelector('[data-spoc-form]');

  function notify(name, data) {
    if (runtime.notify) { runtime.notify(name, data); }
  }

  function payload() {
    var values = window.CohortCoachShared.formValues(form);
    var rules = {};
    Array.prototype.forEach.call(form.querySelectorAll('[data-rule]'), function (field) {
      rules[field.getAttribute('data-rule')] = field.value === '' ? null : Number(field.value);
    });
    return {
      display_name: values.display_name, cadence_days: values.cadence_days, start_date: values.start_date || null,
      nudge_email_delay_hours: values.nudge_email_delay_hours, questions: values.questions || [], rules: rules
    };
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var alert = form.querySelector('[data-form-error]');
    alert.hidden = true;
    notify('save', {state: 'start', message: S.gettext('Saving')});
    S.postJSON(runtime.handlerUrl(element, 'studio_submit'), payload()).then(function (answer) {
      S.announce(root, answer.message);
      notify('save', {state: 'end'});
    }, function (error) {
      alert.textContent = error.message;
      alert.hidden = false;
      alert.focus();
      S.announce(root, error.message);
      notify('error', {title: S.gettext('The settings were not saved'), message: error.message});
    });
  });

  root.querySelector('[data-spoc-cancel]').addEventListener('click', function () {
    notify('cancel', {});
  });
}
