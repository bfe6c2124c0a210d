/* Learner view of the peer workshop. spoc.js sends what the template declares (submitting, files
   removed, reviews, ratings, reminders); this script keeps what is the workshop's own: the editor's
   toolbar, the links, the confirmation before submitting, drafts saved as one types, the file
   chosen for upload, and opening a review. */
function PeerWorkshopLearner(runtime, element, initArgs) {
  'use strict';
  var gettext = SpocXBlocks.gettext;
  var DRAFT_DELAY = 1500;
  var MAX_FILENAME = 200;
  var MAX_EXTENSION = 20;
  var timers = {};
  var linkErrors = 0;
  var view = SpocXBlocks.bind(runtime, element, {
    payload: function (handler, payload, trigger) {
      if (!initArgs.canWrite) { return null; }
      if (handler === 'submit_work') {
        window.clearTimeout(timers.work);
        return workPayload(trigger.closest('form'));
      }
      var rubric = trigger && trigger.closest('[data-spoc-rubric]');
      if (handler === 'submit_review' && rubric) {
        /* a draft still waiting would reach the server after the review is in, and be refused */
        window.clearTimeout(timers[rubric.getAttribute('data-spoc-payload')]);
      }
      return PeerWorkshopRubric.payload(handler, payload, trigger);
    },
    answered: function (answer, handler, trigger) {
      if (handler === 'save_review') { markStarted(trigger); }
    },
    failed: function (error, handler, trigger) {
      if (handler === 'submit_review') { saveReview(trigger.closest('form')); }
      if (handler !== 'upload_file') { return false; }
      var input = trigger.closest('form').querySelector('input[type=file]');
      fileRefused(trigger, error.status === 413 ? tooLarge(input) : error.message);
      return true;
    }
  });
  var root = view.root;

  /* Save a draft once the person pauses; until it is saved, leaving the page asks first. */
  function later(key, form, callback) {
    if (!initArgs.canWrite) { return; }
    SpocXBlocks.markUnsaved(form, true);
    window.clearTimeout(timers[key]);
    timers[key] = window.setTimeout(function () {
      timers[key] = null;
      callback().then(function () {
        if (timers[key]) { SpocXBlocks.markUnsaved(form, true); } // typed again meanwhile
      });
    }, DRAFT_DELAY);
  }

  /* ---- the learner's own work ---- */

  /* The rows a payload's links come from, in its order (blank rows are not sent). */
  function linkRows(form) {
    var rows = form.querySelectorAll('[data-spoc-link-row]');
    return Array.prototype.filter.call(rows, function (row) {
      return row.querySelector('[data-spoc-link-url]').value.trim() ||
        row.querySelector('[data-spoc-link-title]').value.trim();
    });
  }

  function workPayload(form) {
    var editor = form.querySelector('[data-spoc-editor]');
    var links = linkRows(form).map(function (row) {
      return {title: row.querySelector('[data-spoc-link-title]').value.trim(),
              url: row.querySelector('[data-spoc-link-url]').value.trim()};
    });
    return {text: editor ? editor.innerHTML : '', links: links};
  }

  /* What the server did with each link of a saved draft: an address given https:// shows it in
     its field; one that was not saved is marked next to its field until the learner changes it. */
  function showLinks(rows, sent, results) {
    (results || []).forEach(function (result, index) {
      var row = rows[index];
      var input = row && row.isConnected && row.querySelector('[data-spoc-link-url]');
      if (!input || input.value.trim() !== sent[index].url) { return; }
      var alert = row.querySelector('[data-spoc-link-error]');
      if (alert) { alert.remove(); }
      input.removeAttribute('aria-invalid');
      if (!result.error) {
        if (input.value !== result.url) { input.value = result.url; }
        return;
      }
      alert = document.createElement('p');
      alert.className = 'spoc-alert';
      alert.setAttribute('data-spoc-link-error', '');
      linkErrors += 1;
      alert.id = 'spoc-pw-link-error-' + linkErrors;
      alert.textContent = result.error;
      row.appendChild(alert);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', alert.id);
    });
  }

  function saveWork(form) {
    if (!initArgs.canWrite) { return Promise.resolve(null); }
    var rows = linkRows(form);
    var payload = workPayload(form);
    return view.send('save_work', payload, form, {background: true}).then(function (answer) {
      if (answer) { showLinks(rows, payload.links, answer.links); }
    });
  }

  /* A picture pasted in the text is taken out at once, as the server would drop it, and the
     learner is told why. */
  function dropImages(form, editor) {
    var images = editor.querySelectorAll('img');
    if (!images.length) { return; }
    images.forEach(function (image) { image.remove(); });
    form.querySelector('[data-spoc-no-images]').hidden = false;
  }

  /* The text's length against its limit, counted as the server counts it (the characters one
     sees), with a warning before the limit is reached. */
  function countText(form) {
    var counter = form.querySelector('[data-spoc-count]');
    var editor = form.querySelector('[data-spoc-editor]');
    if (!counter || !editor) { return; }
    var figure = SpocXBlocks.formatNumber;
    var max = parseInt(counter.getAttribute('data-spoc-max'), 10);
    var count = Array.from(editor.textContent).length;
    var values = {count: figure(count), limit: figure(max), left: figure(max - count),
                  over: figure(count - max)};
    var text = gettext('{count} of {limit} characters.');
    if (count > max) {
      text = gettext('{count} of {limit} characters: {over} too many. ' +
                     'Shorten your text to save it.');
    } else if (count >= max * 0.9) {
      text = gettext('{count} of {limit} characters: {left} left.');
    }
    counter.textContent = SpocXBlocks.interpolate(text, values);
    counter.classList.toggle('spoc-pw__count--near', count >= max * 0.9 && count <= max);
    counter.classList.toggle('spoc-status--failed', count > max);
    editor.setAttribute('aria-invalid', count > max ? 'true' : 'false');
  }

  function updateToolbar() {
    root.querySelectorAll('[data-spoc-command][aria-pressed]').forEach(function (button) {
      var active = false;
      try {
        active = document.queryCommandState(button.getAttribute('data-spoc-command'));
      } catch (ignore) {
        active = false;
      }
      button.setAttribute('aria-pressed', active ? 'true' : 'false');
    });
  }

  function addLink(form, button) {
    var list = form.querySelector('[data-spoc-links]');
    var max = parseInt(list.getAttribute('data-spoc-max'), 10);
    if (list.querySelectorAll('[data-spoc-link-row]').length >= max) {
      var message = SpocXBlocks.interpolate(gettext('You can add at most {count} links.'),
                                            {count: max});
      SpocXBlocks.showError(form, message, '', button, 'links');
      return;
    }
    list.appendChild(form.querySelector('[data-spoc-link-template]').content.cloneNode(true));
    list.lastElementChild.querySelector('[data-spoc-link-title]').focus();
  }

  /* ---- files: checked here before they are sent, as FormData, through spoc.js ---- */

  function tooLarge(input) {
    return SpocXBlocks.interpolate(gettext('The file is larger than {size} MB.'),
                                   {size: input.getAttribute('data-spoc-max-mb')});
  }

  /* A refusal stays next to the file control until the learner acts: a draft saved meanwhile
     clears only its own errors. */
  function fileRefused(trigger, message) {
    SpocXBlocks.showError(trigger.closest('form'), message, 'file', trigger, 'upload_file');
  }

  /* At most 200 characters, the extension kept, as the server lists it: a longer name would make
     the platform refuse the whole upload with its own page before the workshop could answer. */
  function shortName(name) {
    var characters = Array.from(name);
    if (characters.length <= MAX_FILENAME) { return name; }
    var dot = name.lastIndexOf('.');
    var extension = dot > 0 ? Array.from(name.slice(dot)) : [];
    if (extension.length > MAX_EXTENSION) { extension = []; }
    return characters.slice(0, MAX_FILENAME - extension.length - 1).join('') + '\u2026' +
      extension.join('');
  }

  function uploadFile(button) {
    var input = button.closest('form').querySelector('input[type=file]');
    if (!input.files.length) {
      fileRefused(button, gettext('Choose a file to attach.'));
    } else if (input.files[0].size > parseInt(input.getAttribute('data-spoc-max-bytes'), 10)) {
      fileRefused(button, tooLarge(input));
    } else {
      var body = new FormData();
      body.append('file', input.files[0], shortName(input.files[0].name));
      view.send('upload_file', body, button);
    }
  }

  /* ---- reviews ---- */

  function saveReview(form) {
    if (!initArgs.canWrite) { return Promise.resolve(null); }
    return view.send('save_review', PeerWorkshopRubric.payload('save_review', {}, form), form,
                     {background: true});
  }

  function markStarted(form) {
    var badge = form.closest('[data-spoc-review-item]').querySelector('[data-spoc-review-status]');
    if (badge && badge.textContent.trim() === gettext('To do')) {
      badge.textContent = gettext('In progress');
    }
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

  function draftLater(target) {
    var work = target.closest('[data-spoc-work]');
    if (work) {
      if (target.matches('[data-spoc-editor]')) {
        dropImages(work, target);
        countText(work);
      }
      later('work', work, function () { return saveWork(work); });
    }
    var rubric = target.closest('[data-spoc-rubric]');
    if (rubric) {
      later(rubric.getAttribute('data-spoc-payload'), rubric, function () {
        return saveReview(rubric);
      });
    }
  }

  /* ---- events ---- */

  root.querySelectorAll('[data-spoc-work]').forEach(countText);
  root.addEventListener('input', function (event) { draftLater(event.target); });
  root.addEventListener('change', function (event) {
    if (event.target.type === 'radio') { draftLater(event.target); }
  });
  root.addEventListener('keyup', updateToolbar);
  root.addEventListener('mouseup', updateToolbar);

  root.addEventListener('click', function (event) {
    var button = event.target.closest('button');
    if (!button || !root.contains(button)) { return; }
    var form = button.closest('form');
    var command = button.getAttribute('data-spoc-command');
    if (command) {
      form.querySelector('[data-spoc-editor]').focus();
      document.execCommand(command, false, null);
      updateToolbar();
      later('work', form, function () { return saveWork(form); });
      return;
    }
    var action = button.getAttribute('data-spoc-action');
    if (action === 'toggle-review') { toggleReview(button); return; }
    var disabled = button.getAttribute('aria-disabled') === 'true';
    if (!action || !initArgs.canWrite || disabled) { return; }
    if (action === 'add-link') { addLink(form, button); }
    if (action === 'remove-link') {
      button.closest('[data-spoc-link-row]').remove();
      form.querySelector('[data-spoc-action="add-link"]').focus();
      later('work', form, function () { return saveWork(form); });
    }
    if (action === 'upload-file') { uploadFile(button); }
    if (action === 'submit-work') {
      var confirm = form.querySelector('[data-spoc-confirm]');
      confirm.hidden = false;
      confirm.querySelector('[data-spoc-confirm-text]').focus();
    }
    if (action === 'cancel-submit') {
      form.querySelector('[data-spoc-confirm]').hidden = true;
      form.querySelector('[data-spoc-action="submit-work"]').focus();
    }
  });
}
