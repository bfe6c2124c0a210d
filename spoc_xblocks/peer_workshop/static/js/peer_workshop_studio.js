/* Studio editor of the peer workshop: settings, assignment, rubric (with ORA2 import); saves all or nothing. */
function PeerWorkshopStudio(runtime, element, initArgs) {
  'use strict';
  var root = SpocXBlocks.root(element);
  var form = root.querySelector('[data-studio-form]');
  var gettext = SpocXBlocks.gettext;

  function fail(message) {
    var alert = form.querySelector('[data-form-error]');
    alert.textContent = message;
    alert.hidden = false;
    alert.focus();
  }

  function settings() {
    var values = {};
    form.querySelectorAll('[data-setting]').forEach(function (input) {
      var kind = input.getAttribute('data-kind');
      var key = input.getAttribute('data-setting');
      if (kind === 'bool') {
        values[key] = input.checked;
      } else if (kind === 'int') {
        values[key] = input.value === '' ? null : parseInt(input.value, 10);
      } else if (kind === 'datetime') {
        values[key] = input.value ? input.value + ':00+00:00' : '';
      } else {
        values[key] = input.value;
      }
      if (values[key] === null) { delete values[key]; }
    });
    return values;
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var points = form.querySelector('[name="weight"]').value.trim();
    var weight = points === '' || isNaN(Number(points)) ? -1 : Number(points);
    SpocXBlocks.studioSave(runtime, element, {
      display_name: form.querySelector('[name="display_name"]').value,
      weight: isNaN(weight) ? -1 : weight,
      prompt: form.querySelector('[name="prompt"]').value,
      rubric_xml: form.querySelector('[name="rubric_xml"]').value,
      settings: settings()
    }, SpocXBlocks.gettext('The workshop was not saved')).then(function () {
      form.querySelector('[data-form-error]').hidden = true;
    }, function (error) { fail(error.message); });
  });

  root.addEventListener('click', function (event) {
    var button = event.target.closest('[data-action]');
    if (!button) { return; }
    if (button.getAttribute('data-action') === 'cancel') {
      SpocXBlocks.notifyStudio(runtime, 'cancel');
    }
    if (button.getAttribute('data-action') === 'import-rubric') {
      var source = root.querySelector('[data-ora-input]');
      SpocXBlocks.postJSON(runtime.handlerUrl(element, 'import_rubric'), {xml: source.value}).then(function (answer) {
        var target = form.querySelector('[name="rubric_xml"]');
        target.value = answer.rubric_xml;
        var problems = root.querySelector('[data-rubric-problems]');
        problems.textContent = answer.problems.join(' ');
        SpocXBlocks.announce(root, gettext('The ORA2 rubric was converted: check it, then save.'));
        target.focus();
      }, function (error) { fail(error.message); });
    }
  });
}
