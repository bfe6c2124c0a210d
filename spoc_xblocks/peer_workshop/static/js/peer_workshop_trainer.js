/* Trainer dashboard of the peer workshop: every form posts its fields, the dashboard is re-drawn, focus returns. */
function PeerWorkshopTrainer(runtime, element, initArgs) {
  'use strict';
  var root = SpocXBlocks.root(element);

  function url(handler) { return runtime.handlerUrl(element, handler); }
  function panel() { return root.querySelector('[data-panel]'); }

  function fields(form) {
    var payload = {};
    form.querySelectorAll('[name]').forEach(function (input) {
      if (input.type === 'checkbox') {
        payload[input.name] = input.checked;
      } else if (input.getAttribute('data-type') === 'number') {
        payload[input.name] = input.value === '' ? null : Number(input.value);
      } else {
        payload[input.name] = input.value;
      }
    });
    return payload;
  }

  function fail(error, near) {
    var alert = document.createElement('p');
    alert.className = 'spoc-alert';
    alert.setAttribute('role', 'alert');
    alert.setAttribute('tabindex', '-1');
    alert.setAttribute('data-trainer-error', '');
    alert.textContent = error.message;
    var old = root.querySelector('[data-trainer-error]');
    if (old) { old.remove(); }
    near.parentNode.insertBefore(alert, near);
    alert.focus();
  }

  function redraw(answer, focusId) {
    panel().innerHTML = answer.html;
    var target = focusId && root.querySelector('#' + focusId);
    if (target) { target.focus(); }
    if (answer.announce) { SpocXBlocks.announce(root, answer.announce); }
  }

  function send(handler, payload, focusId, near) {
    return SpocXBlocks.postJSON(url(handler), payload).then(function (answer) {
      redraw(answer, focusId);
    }, function (error) { fail(error, near); });
  }

  function openAssessment(submissionId, near) {
    var slot = root.querySelector('[data-assess-slot]');
    SpocXBlocks.postJSON(url('trainer_form'), {submission_id: submissionId}).then(function (answer) {
      slot.innerHTML = answer.html;
      slot.querySelector('[data-assess-title]').focus();
    }, function (error) { fail(error, near); });
  }

  function assessment(form, final) {
    var payload = PeerWorkshopRubric.collect(form);
    payload.submission_id = parseInt(form.closest('[data-submission-id]').getAttribute('data-submission-id'), 10);
    payload.final = final;
    var focusId = root.querySelector('[data-assess-slot]').closest('section').getAttribute('aria-labelledby');
    send('trainer_review', payload, focusId, form);
  }

  root.addEventListener('submit', function (event) {
    var form = event.target;
    event.preventDefault();
    if (form.hasAttribute('data-assess-form')) {
      openAssessment(parseInt(form.querySelector('[name="submission_id"]').value, 10), form);
    } else if (form.hasAttribute('data-rubric-form')) {
      assessment(form, true);
    } else if (form.getAttribute('data-handler')) {
      var payload = fields(form);
      if (form.getAttribute('data-handler') === 'extend' && payload.due) { payload.due = payload.due + ':00+00:00'; }
      send(form.getAttribute('data-handler'), payload, form.getAttribute('data-focus'), form);
    }
  });

  root.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button || !root.contains(button)) { return; }
    if (button.hasAttribute('data-payload')) {
      event.preventDefault();
      send(button.getAttribute('data-handler'), JSON.parse(button.getAttribute('data-payload')),
        button.getAttribute('data-focus'), button);
    } else if (button.hasAttribute('data-assess')) {
      openAssessment(parseInt(button.getAttribute('data-assess'), 10), button);
    } else if (button.getAttribute('data-action') === 'save-assessment-draft') {
      assessment(button.closest('[data-submission-id]').querySelector('[data-rubric-form]'), false);
    } else if (button.hasAttribute('data-page')) {
      var page = parseInt(button.getAttribute('data-page'), 10);
      var learners = root.querySelector('[data-trainer] section:nth-of-type(2) h3');
      SpocXBlocks.postJSON(url('trainer_panel'), {page: page}).then(function (answer) {
        redraw(answer, learners && learners.id);
      }, function (error) { fail(error, button); });
    }
  });
}
