/* The learner's view of the cohort coach: check-in, thread replies, goals and one-to-one booking. */
function CohortCoachLearner(runtime, element, initArgs) {
  'use strict';
  var C = window.CohortCoachShared;
  var root = SpocXBlocks.root(element);
  var send = C.requester(runtime, element, root);

  function redraw(answer) {
    var focused = null;
    Object.keys(answer.sections || {}).forEach(function (name) {
      var section = root.querySelector('[data-section="' + name + '"]');
      if (!section) { return; }
      section.innerHTML = answer.sections[name];
      C.localizeTimes(section);
      if (name === answer.focus || (answer.focus || '').indexOf('thread-') === 0) { focused = section; }
    });
    if (focused) { C.focusIn(focused, initArgs.blockId, answer.focus); }
  }

  var forms = {
    checkin: function (form) {
      var values = C.formValues(form);
      var payload = {};
      ['progress', 'confidence', 'mood', 'blockers', 'help'].forEach(function (name) {
        if (name in values) { payload[name] = name === 'confidence' && values[name] ? Number(values[name]) : values[name]; }
      });
      send('post_checkin', payload, form, redraw);
    },
    reply: function (form) {
      send('reply', {checkin_id: Number(form.getAttribute('data-checkin')), body: C.formValues(form).body}, form,
           redraw);
    },
    goal: function (form) {
      var values = C.formValues(form);
      send('add_goal', {text: values.text, target: values.target || null}, form, redraw);
    }
  };

  var actions = {
    'set-goal': function (button) {
      send('set_goal', {goal_id: Number(button.getAttribute('data-goal')),
                        done: Number(button.getAttribute('data-done'))}, null, redraw);
    },
    'remove-goal': function (button) {
      send('remove_goal', {goal_id: Number(button.getAttribute('data-goal'))}, null, redraw);
    },
    book: function (button) {
      send('book_slot', {slot_id: Number(button.getAttribute('data-slot'))}, null, redraw);
    },
    'cancel-booking': function (button) {
      send('cancel_booking', {slot_id: Number(button.getAttribute('data-slot'))}, null, redraw);
    }
  };

  root.addEventListener('submit', function (event) {
    var form = event.target;
    var handle = forms[form.getAttribute('data-form')];
    if (!handle) { return; }
    event.preventDefault();
    handle(form);
  });

  root.addEventListener('click', function (event) {
    var button = event.target.closest('[data-action]');
    if (!button || !root.contains(button)) { return; }
    var handle = actions[button.getAttribute('data-action')];
    if (handle) { handle(button); }
  });

  C.localizeTimes(root);
}
