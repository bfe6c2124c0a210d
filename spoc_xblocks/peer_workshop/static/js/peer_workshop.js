/* Learner view of the peer workshop: drafts saved as you type, submit, files, reviews on the rubric, ratings. */
function PeerWorkshopBlock(runtime, element, initArgs) {
  'use strict';
  var root = SpocXBlocks.root(element);
  var gettext = SpocXBlocks.gettext;
  var DRAFT_DELAY = 1500;
  var timers = {};

  function url(handler) { return runtime.handlerUrl(element, handler); }
  function panel() { return root.querySelector('[data-panel]'); }

  function showError(container, message) {
    var alert = container && container.querySelector('[data-form-error]');
    if (alert) {
      alert.textContent = message;
      alert.hidden = false;
      alert.focus();
    }
    SpocXBlocks.announce(root, message);
  }

  function clearError(container) {
    var alert = container && container.querySelector('[data-form-error]');
    if (alert) { alert.hidden = true; alert.textContent = ''; }
  }

  function focusSection(name) {
    var target = root.querySelector('[data-focus="' + name + '"]') || root.querySelector('.spoc-pw__title');
    if (target) { target.focus(); }
  }

  /* Put a handler's answer on the page: the whole panel, or some of its sections. */
  function render(answer) {
    if (answer.html) {
      panel().innerHTML = answer.html;
    }
    Object.keys(answer.sections || {}).forEach(function (name) {
      var section = root.querySelector('[data-section="' + name + '"]');
      if (section) { section.innerHTML = answer.sections[name]; }
    });
    if (answer.focus) { focusSection(answer.focus); }
    if (answer.announce) { SpocXBlocks.announce(root, answer.announce); }
  }

  function debounce(key, callback) {
    window.clearTimeout(timers[key]);
    timers[key] = window.setTimeout(callback, DRAFT_DELAY);
  }

  /* ---- the learner's own work ---- */

  function workPayload(form) {
    var editor = form.querySelector('[data-editor]');
    var links = [];
    form.querySelectorAll('[data-link-row]').forEach(function (row) {
      var address = row.querySelector('[data-link-url]').value.trim();
      var title = row.querySelector('[data-link-title]').value.trim();
      if (address || title) { links.push({title: title, url: address}); }
    });
    return {text: editor ? editor.innerHTML : '', links: links};
  }

  function saveWork(form) {
    if (!initArgs.canWrite) { return; }
    var status = form.querySelector('[data-draft-status]');
    SpocXBlocks.postJSON(url('save_work'), workPayload(form)).then(function (answer) {
      clearError(form);
      var now = new Date();
      status.textContent = answer.message + ' ' + now.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
    }, function (error) { showError(form, error.message); });
  }

  function submitWork(form) {
    SpocXBlocks.postJSON(url('submit_work'), workPayload(form)).then(render, function (error) {
      showError(form, error.message);
    });
  }

  function updateToolbar() {
    root.querySelectorAll('[data-command][aria-pressed]').forEach(function (button) {
      var active = false;
      try { active = document.queryCommandState(button.getAttribute('data-command')); } catch (ignore) { active = false; }
      button.setAttribute('aria-pressed', active ? 'true' : 'false');
    });
  }

  function addLink(form) {
    var list = form.querySelector('[data-links]');
    var max = parseInt(list.getAttribute('data-max'), 10);
    if (list.querySelectorAll('[data-link-row]').length >= max) {
      SpocXBlocks.announce(root, SpocXBlocks.interpolate(gettext('You can add at most {count} links.'), {count: max}));
      return;
    }
    var template = form.querySelector('[data-link-template]');
    list.appendChild(template.content.cloneNode(true));
    list.lastElementChild.querySelector('[data-link-title]').focus();
  }

  function uploadFile(button) {
    var box = button.closest('[data-files]');
    var input = box.querySelector('[data-file-input]');
    var form = button.closest('form');
    if (!input.files.length) {
      showError(form, gettext('Choose a file to attach.'));
      input.focus();
      return;
    }
    var tooLarge = SpocXBlocks.interpolate(gettext('The file is larger than {size} MB.'),
                                           {size: input.getAttribute('data-max-mb')});
    if (input.files[0].size > parseInt(input.getAttribute('data-max-bytes'), 10)) {
      showError(form, tooLarge);
      input.focus();
      return;
    }
    var body = new FormData();
    body.append('file', input.files[0]);
    SpocXBlocks.postForm(input.getAttribute('data-upload-url'), body).then(function (answer) {
      clearError(form);
      box.outerHTML = answer.html;
      var newInput = root.querySelector('[data-file-input]');
      if (newInput) { newInput.focus(); }
      SpocXBlocks.announce(root, answer.announce);
    }, function (error) { showError(form, error.status === 413 ? tooLarge : error.message); });
  }

  function removeFile(button) {
    var form = button.closest('form');
    SpocXBlocks.postJSON(url('remove_file'), {file_id: parseInt(button.getAttribute('data-file-id'), 10)})
      .then(function (answer) {
        button.closest('[data-files]').outerHTML = answer.html;
        var input = root.querySelector('[data-file-input]');
        if (input) { input.focus(); }
        SpocXBlocks.announce(root, answer.announce);
      }, function (error) { showError(form, error.message); });
  }

  /* ---- reviews ---- */

  function reviewPayload(form) {
    var payload = PeerWorkshopRubric.collect(form);
    payload.review_id = parseInt(form.getAttribute('data-review-id'), 10);
    return payload;
  }

  /* Keep a review in progress; after a refused submit the error stays on screen (keepError). */
  function saveReview(form, keepError) {
    if (!initArgs.canWrite) { return; }
    SpocXBlocks.postJSON(url('save_review'), reviewPayload(form)).then(function (answer) {
      if (!keepError) { clearError(form); }
      form.querySelector('[data-draft-status]').textContent = answer.message;
      var badge = form.closest('[data-review-item]').querySelector('[data-status]');
      if (badge && badge.textContent.trim() === gettext('To do')) { badge.textContent = gettext('In progress'); }
    }, function (error) { showError(form, error.message); });
  }

  function submitReview(form) {
    window.clearTimeout(timers['review' + form.getAttribute('data-review-id')]);
    SpocXBlocks.postJSON(url('submit_review'), reviewPayload(form)).then(function (answer) {
      var item = form.closest('[data-review-item]');
      form.closest('[data-review-slot]').innerHTML = answer.summary_html;
      var badge = item.querySelector('[data-status]');
      if (badge) { badge.textContent = gettext('Done'); badge.className = 'spoc-pw__badge spoc-pw__badge--done'; }
      var progress = root.querySelector('[data-progress]');
      if (progress) {
        var total = parseInt(progress.getAttribute('max'), 10);
        progress.value = total - answer.remaining;
        root.querySelector('[data-progress-text]').textContent = SpocXBlocks.interpolate(
          gettext('{done} of {total} reviews done.'), {done: total - answer.remaining, total: total});
      }
      SpocXBlocks.announce(root, answer.announce);
      if (answer.reload) {
        return SpocXBlocks.postJSON(url('learner_panel'), {}).then(function (fresh) {
          render({html: fresh.html, focus: 'received'});
        });
      }
      var heading = item.querySelector('.spoc-pw__review-title');
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }, function (error) {
      showError(form, error.message);
      saveReview(form, true);
    });
  }

  function toggleReview(button) {
    var body = root.querySelector('#' + button.getAttribute('aria-controls'));
    var open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    body.hidden = !open;
    if (open) {
      var first = body.querySelector('input, textarea, a, button');
      if (first) { first.focus(); }
    }
  }

  function rate(form) {
    var chosen = form.querySelector('[data-helpfulness]:checked');
    if (!chosen) {
      showError(form, gettext('Choose how helpful the review was, from 1 to 5.'));
      return;
    }
    SpocXBlocks.postJSON(url('rate_review'), {
      review_id: parseInt(form.getAttribute('data-review-id'), 10),
      helpfulness: parseInt(chosen.value, 10),
      flagged: form.querySelector('[data-flag]').checked,
      reason: form.querySelector('[data-flag-reason]').value
    }).then(function (answer) {
      clearError(form);
      SpocXBlocks.announce(root, answer.announce);
    }, function (error) { showError(form, error.message); });
  }

  /* ---- events ---- */

  root.addEventListener('input', function (event) {
    var workForm = event.target.closest('[data-work-form]');
    if (workForm) { debounce('work', function () { saveWork(workForm); }); }
    var rubric = event.target.closest('[data-rubric-form]');
    if (rubric) { debounce('review' + rubric.getAttribute('data-review-id'), function () { saveReview(rubric); }); }
  });

  root.addEventListener('change', function (event) {
    var rubric = event.target.closest('[data-rubric-form]');
    if (rubric && event.target.type === 'radio') {
      debounce('review' + rubric.getAttribute('data-review-id'), function () { saveReview(rubric); });
    }
  });

  root.addEventListener('keyup', updateToolbar);
  root.addEventListener('mouseup', updateToolbar);

  root.addEventListener('submit', function (event) {
    var form = event.target;
    event.preventDefault();
    if (!initArgs.canWrite) { return; }
    if (form.hasAttribute('data-rubric-form')) { submitReview(form); }
    if (form.hasAttribute('data-rate-form')) { rate(form); }
  });

  root.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button || !root.contains(button)) { return; }
    var command = button.getAttribute('data-command');
    if (command) {
      var editor = button.closest('form').querySelector('[data-editor]');
      editor.focus();
      document.execCommand(command, false, null);
      updateToolbar();
      debounce('work', function () { saveWork(button.closest('form')); });
      return;
    }
    var action = button.getAttribute('data-action');
    var form = button.closest('form');
    if (action === 'toggle-review') { toggleReview(button); return; }
    if (!initArgs.canWrite || button.getAttribute('aria-disabled') === 'true') { return; }
    if (action === 'add-link') { addLink(form); }
    if (action === 'remove-link') {
      button.closest('[data-link-row]').remove();
      form.querySelector('[data-action="add-link"]').focus();
      debounce('work', function () { saveWork(form); });
    }
    if (action === 'upload-file') { uploadFile(button); }
    if (action === 'remove-file') { removeFile(button); }
    if (action === 'submit-work') {
      var confirm = form.querySelector('[data-confirm]');
      confirm.hidden = false;
      confirm.querySelector('[data-confirm-text]').focus();
    }
    if (action === 'cancel-submit') {
      form.querySelector('[data-confirm]').hidden = true;
      form.querySelector('[data-action="submit-work"]').focus();
    }
    if (action === 'confirm-submit') {
      window.clearTimeout(timers.work);
      submitWork(form);
    }
    if (action === 'dismiss-reminder') {
      SpocXBlocks.postJSON(url('dismiss_reminder'), {reminder_id: parseInt(button.getAttribute('data-reminder-id'), 10)})
        .then(function (answer) {
          button.closest('[data-reminder]').remove();
          SpocXBlocks.announce(root, answer.announce);
          root.querySelector('.spoc-pw__title').focus();
        }, function (error) { SpocXBlocks.announce(root, error.message); });
    }
  });
}
