/* The trainer's dashboard. Its forms and buttons are declared in the templates and sent by
   spoc.js; this keeps what is the dashboard's own: offered slots typed in the trainer's time zone,
   the learner table redrawn where it was after a flag or a nudge changes a row, and closing a
   learner's detail, focus going back to the button that opened it. */
function CohortCoachTrainer(runtime, element) {
  'use strict';
  var S = SpocXBlocks;
  var root = S.root(element);
  var table = root.querySelector('[data-spoc-region="table"]');
  var shown = {page: 1, filter: 'all'}; // the page of the learner table on screen
  var CHANGES_A_ROW = ['move_flag', 'send_nudge'];
  var opener = null; // the button that opened the learner's detail (the table's or the heat map's)

  /* A datetime-local value, read in the trainer's time zone, as an ISO moment ('' if not one). */
  function isoMoment(value) {
    var moment = value ? new Date(value) : null;
    return moment && !isNaN(moment.getTime()) ? moment.toISOString() : '';
  }

  /* Redraw the table as it is, without moving focus from where the trainer works. */
  function redrawTable() {
    view.send('dashboard_page', shown, table, {background: true}).then(function (answer) {
      if (answer) {
        table.innerHTML = answer.html; // rendered and escaped by the server
        S.localizeTimes(table);
      }
    });
  }

  var view = S.bind(runtime, element, {
    payload: function (handler, payload) {
      if (handler === 'offer_slot') { payload.starts = isoMoment(payload.starts); }
      return payload;
    },
    answered: function (answer, handler, trigger) {
      var asked = handler === 'dashboard_page' && trigger.getAttribute('data-spoc-payload');
      if (asked) { shown = JSON.parse(asked); }
      if (handler === 'learner_detail') { opener = trigger; }
      if (CHANGES_A_ROW.indexOf(handler) >= 0) { redrawTable(); }
    }
  });

  root.addEventListener('click', function (event) {
    var close = event.target.closest('[data-spoc-close]');
    if (!close || !root.contains(close)) { return; }
    var learner = close.getAttribute('data-spoc-close');
    root.querySelector('[data-spoc-region="detail"]').innerHTML = '';
    var back = opener && opener.isConnected ? opener :
      table.querySelector('tr[data-spoc-learner="' + CSS.escape(learner) + '"] ' +
                          '[data-spoc-handler="learner_detail"]');
    if (back) { back.focus(); }
  });
}
