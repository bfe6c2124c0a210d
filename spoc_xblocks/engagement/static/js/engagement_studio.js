/* The engagement widgets' Studio editor: settings and the content XML, saved whole or not at all. */
function SpocEngagementStudio(runtime, element, initArgs) {
  'use strict';
  var S = window.SpocXBlocks;
  var gettext = S.gettext;
  var root = S.root(element);
  var form = root.querySelector('[data-spoc-form]');
  var formError = root.querySelector('[data-spoc-form-error]');
  var saveButton = root.querySelector('[data-spoc-save]');


  function payload() {
    var data = {body: root.querySelector('[data-spoc-body]').value};
    Array.prototype.forEach.call(root.querySelectorAll('[data-spoc-setting]'), function (control) {
      data[control.name] = control.getAttribute('data-spoc-setting') === 'checkbox' ? control.checked : control.value;
    });
    return data;
  }

  function showFormError(message) {
    formError.textContent = message || '';
    formError.hidden = !message;
    if (message) { formError.focus(); }
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (saveButton.getAttribute('aria-disabled') === 'true') { return; }
    showFormError('');
    saveButton.setAttribute('aria-disabled', 'true');
    S.studioSave(runtime, element, payload(), gettext('Nothing was saved')).then(null, function (error) {
      showFormError(error.message);
    }).then(function () {
      saveButton.removeAttribute('aria-disabled');
    });
  });
  root.querySelector('[data-spoc-cancel]').addEventListener('click', function () {
    S.notifyStudio(runtime, 'cancel');
  });
}
