/* The cohort coach's Studio editor: settings, questions and at-risk thresholds, saved in one request. */
function CohortCoachStudio(runtime, element) {
  'use strict';
  var S = SpocXBlocks;
  var root = S.root(element);
  var form = root.querySelector('[data-spoc-form]');


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
    S.studioSave(runtime, element, payload(), S.gettext('The settings were not saved')).then(null, function (error) {
      alert.textContent = error.message;
      alert.hidden = false;
      alert.focus();
      S.announce(root, error.message);
    });
  });

  root.querySelector('[data-spoc-cancel]').addEventListener('click', function () {
    S.notifyStudio(runtime, 'cancel');
  });
}
