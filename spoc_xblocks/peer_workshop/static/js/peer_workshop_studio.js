/* Studio editor of the peer workshop: its form and the ORA2 import are declared in the template and
   sent by spoc.js; the server saves all or nothing. */
function PeerWorkshopStudio(runtime, element) {
  'use strict';
  var container = SpocXBlocks.root(element);

  /* An imported ORA2 problem's settings go into their controls, to be checked and saved. */
  function fillSettings(values) {
    var form = container.querySelector('form[data-spoc-handler="studio_submit"]');
    Object.keys(values || {}).forEach(function (name) {
      var control = form && form.elements.namedItem(name);
      if (!control) { return; }
      if (control.type === 'checkbox') {
        control.checked = Boolean(values[name]);
      } else {
        control.value = values[name];
      }
    });
  }

  SpocXBlocks.bindStudio(runtime, element, SpocXBlocks.gettext('The workshop was not saved'), {
    answered: function (answer, handler) {
      if (handler === 'import_rubric') { fillSettings(answer.fields); }
    }
  });
}
