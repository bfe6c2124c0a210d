/* The trainer's dashboard: filter and page the learner table, follow one learner (flag, notes, replies, nudge),
   nudge every flagged learner, offer and withdraw one-to-one slots. */
function CohortCoachTrainer(runtime, element, initArgs) {
  'use strict';
  var C = window.CohortCoachShared;
  var root = SpocXBlocks.root(element);
  var send = C.requester(runtime, element, root);
  var table = root.querySelector('[data-table]');
  var detail = root.querySelector('[data-detail]');
  var view = {page: 1, filter: 'all'};

  function drawTable(answer) {
    table.innerHTML = answer.html;
    C.localizeTimes(table);
  }

  function refreshTable() {
    send('dashboard_page', {page: view.page, filter: view.filter}, null, drawTable);
  }

  function drawDetail(answer) {
    if (answer.html) {
      detail.innerHTML = answer.html;
      C.localizeTimes(detail);
      C.focusIn(detail, initArgs.blockId, answer.focus);
    }
    if (answer.refresh) {
      // The learner table shows the flag and nudge states that just changed.
      window.setTimeout(refreshTable, 0);
    }
  }

  function drawSlots(answer) {
    var slots = root.querySelector('[data-slots]');
    slots.innerHTML = answer.html;
    C.localizeTimes(slots);
    C.focusIn(slots, initArgs.blockId, null);
  }

  var forms = {
    flag: function (form, submitter) {
      var status = submitter ? submitter.getAttribute('data-status') : '';
      var note = C.formValues(form).note;
      var flagId = Number(form.getAttribute('data-flag'));
      if (status) {
        send('move_flag', {flag_id: flagId, status: status, note: note}, form, drawDetail);
      } else {
        send('add_flag_note', {flag_id: flagId, note: note}, form, drawDetail);
      }
    },
    reply: function (form) {
      send('reply', {checkin_id: Number(form.getAttribute('data-checkin')), body: C.formValues(form).body}, form,
           drawDetail);
    },
    'nudge-learner': function (form) {
      send('send_nudge', {target: 'learner', learner_id: form.getAttribute('data-learner'),
                          message: C.formValues(form).message}, form, drawDetail);
    },
    'nudge-flagged': function (form) {
      send('send_nudge', {target: 'flagged', message: C.formValues(form).message}, form, function (answer) {
        form.reset();
        drawDetail(answer);
      });
    },
    'offer-slot': function (form) {
      var values = C.formValues(form);
      var starts = values.starts ? new Date(values.starts) : null;
      send('offer_slot', {
        starts: starts && !isNaN(starts.getTime()) ? starts.toISOString() : '',
        minutes: values.minutes === null ? 0 : values.minutes,
        where: values.where
      }, form, drawSlots);
    }
  };

  var actions = {
    detail: function (button) {
      send('learner_detail', {learner_id: button.getAttribute('data-learner')}, null, drawDetail);
    },
    'close-detail': function (button) {
      var learner = button.getAttribute('data-learner');
      detail.innerHTML = '';
      var back = table.querySelector('[data-action="detail"][data-learner="' + learner + '"]');
      if (back) { back.focus(); }
    },
    'cancel-slot': function (button) {
      send('cancel_slot', {slot_id: Number(button.getAttribute('data-slot'))}, null, drawSlots);
    }
  };

  root.addEventListener('submit', function (event) {
    var form = event.target;
    var handle = forms[form.getAttribute('data-form')];
    if (!handle) { return; }
    event.preventDefault();
    handle(form, event.submitter);
  });

  root.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button || !root.contains(button)) { return; }
    if (button.hasAttribute('data-filter')) {
      view = {page: 1, filter: button.getAttribute('data-filter')};
      Array.prototype.forEach.call(root.querySelectorAll('button[data-filter]'), function (other) {
        other.setAttribute('aria-pressed', other === button ? 'true' : 'false');
      });
      send('dashboard_page', view, null, drawTable);
    } else if (button.hasAttribute('data-page')) {
      view.page = Number(button.getAttribute('data-page'));
      send('dashboard_page', view, null, function (answer) {
        drawTable(answer);
        table.querySelector('[role="region"]').focus();
      });
    } else if (actions[button.getAttribute('data-action')]) {
      actions[button.getAttribute('data-action')](button);
    }
  });

  C.localizeTimes(root);
}
