/* The browser side of every SPOC block, written once: post, redraw, move focus, announce, confirm,
   show the error next to its field, localise dates. A block's own script keeps only what is its
   own.

   The templates declare what a control does with these attributes (and no others for the same
   roles):
     data-spoc-handler="name"       on a <form> (sent on submit) or a <button> (sent on click): the
                                    handler; on a form's submit button it overrides the form's
     data-spoc-payload='{"id": 3}'  on a trigger: JSON sent with it (a form sends its values over
                                    this)
     data-spoc-kind="number|list|utc"  on a control: how formValues types it (a list of checked
                                    boxes; a datetime-local read as UTC); number inputs are numbers
                                    anyway
     data-spoc-region="name"        a part of the view the server redraws (see the answers below)
     data-spoc-list                 in a region: the list its answer's `prepend` goes first in;
                                    data-spoc-empty: the note shown while that list is empty
     data-spoc-target="name"        on a trigger: the region its answer's `html` replaces
     data-spoc-focus                in new HTML: what takes focus after a redraw; on a trigger, an
                                    element id
     data-spoc-error                where a form's or region's error shows;
                                    data-spoc-error-for="field": one field's error (made next to
                                    the field when the template has none)
     data-spoc-status               where a visible confirmation (an answer's `message`) shows
     data-spoc-live                 the block's polite live region, for announcements
     data-spoc-local="date|datetime"   on <time datetime="…Z">: shown in the viewer's language and
                                    zone
     data-spoc-cancel               in a Studio editor: the Cancel button

   Handlers answer {html, sections: {region: html}, prepend: {region: html}, focus, announce,
   message, reload} (all optional): `html` replaces the trigger's region (its data-spoc-target,
   else the region around it, else the block's first), `sections` replace regions by name,
   `prepend` puts new items first in a region's list (shown, its empty note hidden), so that one
   new entry leaves the rest of a long list as it is, `focus` is an element id or a
   region name, `message` is shown in [data-spoc-status] (a line made next to the control when the
   view has none), `announce` is said to screen readers; `confirm` (see common/confirmations.py)
   asks first and sends again with `confirmed: true` once the person agrees. A refusal is
   {error, field}. */
window.SpocXBlocks = window.SpocXBlocks || (function () {
  'use strict';

  function gettext(text) {
    return window.SpocI18N ? window.SpocI18N.gettext(text) : text;
  }

  function interpolate(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : match;
    });
  }

  function each(container, selector, callback) {
    Array.prototype.forEach.call(container.querySelectorAll(selector), callback);
  }

  /* The block's root DOM element, whether the runtime passed a DOM node or a jQuery wrapper. */
  function root(element) {
    return element && element.jquery ? element[0] : element;
  }

  /* ---- requests ------------------------------------------------------------------------------ */

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /* What to tell the person when a request fails. The blocks answer {"error": sentence}; the
     platform or its proxy may answer before the block runs, in HTML or in JSON of its own: 413 (a
     body too large; the LMS's JSON says "success"), 403 (the session ended), 400 (Django's "Bad
     Request" page for a request it could not parse). */
  function failureMessage(status, data) {
    if (data.error) { return data.error; }
    if (status === 413) { return gettext('This is larger than the site accepts.'); }
    if (status === 403) {
      return gettext('Your session has ended: sign in again, then try once more.');
    }
    if (status === 400) {
      return gettext('The site could not read this request. Reload the page, then try once more.');
    }
    return gettext('Something went wrong. Please try again.');
  }

  /* POST a JSON payload, or a FormData (a file upload, its content type set by the browser), with
     the CSRF token. Resolves with the decoded answer; rejects with an Error carrying the sentence
     to show, the HTTP status and the field the refusal is about. */
  function post(url, payload) {
    var form = payload instanceof FormData;
    var headers = {'X-CSRFToken': csrfToken()};
    if (!form) { headers['Content-Type'] = 'application/json'; }
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: headers,
      body: form ? payload : JSON.stringify(payload || {})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(failureMessage(response.status, data));
          error.status = response.status;
          error.field = data.field || '';
          error.line = data.line || 0;
          throw error;
        }
        return data;
      });
    }, function () {
      throw new Error(
        gettext('The server could not be reached. Check your connection and try again.'));
    });
  }

  /* ---- forms --------------------------------------------------------------------------------- */

  function utcTime(value) {
    return (value.length === 16 ? value + ':00' : value) + '+00:00';
  }

  /* A form's named values, typed: numbers (empty as null), checkboxes as true/false (or, with
     data-spoc-kind="list", the list of checked values), radios as the checked value (null if none),
     datetime-local inputs with data-spoc-kind="utc" as ISO times ('' if empty). Files are left
     out. */
  function formValues(form) {
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!field.name || field.disabled || field.type === 'file' || field.tagName === 'BUTTON' ||
          field.tagName === 'FIELDSET') { return; }
      var kind = field.getAttribute('data-spoc-kind') || (field.type === 'number' ? 'number' : '');
      var value = field.value;
      if (field.type === 'checkbox' && kind === 'list') {
        values[field.name] = values[field.name] || [];
        if (field.checked) { values[field.name].push(value); }
        return;
      }
      if (field.type === 'checkbox') {
        values[field.name] = field.checked;
        return;
      }
      if (field.type === 'radio') {
        if (!field.checked) {
          if (!(field.name in values)) { values[field.name] = null; }
          return;
        }
      }
      if (kind === 'number') {
        values[field.name] = value === '' ? null : Number(value);
      } else if (kind === 'utc') {
        values[field.name] = value ? utcTime(value) : '';
      } else {
        values[field.name] = value;
      }
    });
    return values;
  }

  function readPayload(trigger) {
    var text = trigger && trigger.getAttribute('data-spoc-payload');
    return text ? JSON.parse(text) : {};
  }

  /* ---- errors and confirmations -------------------------------------------------------------- */

  function alertElement(attribute, value) {
    var alert = document.createElement('p');
    alert.className = 'spoc-alert';
    alert.setAttribute('role', 'alert');
    alert.setAttribute(attribute, value || '');
    return alert;
  }

  /* Where one field's error goes: the template's [data-spoc-error-for], or a new one after the
     field (after its group, for radios and checkboxes), named by the field's aria-describedby. */
  function fieldAlert(scope, field) {
    var alert = scope.querySelector('[data-spoc-error-for="' + field.name + '"]');
    if (!alert) {
      alert = alertElement('data-spoc-error-for', field.name);
      var group = (field.type === 'radio' || field.type === 'checkbox') &&
        field.closest('fieldset');
      if (group) {
        group.appendChild(alert);
      } else {
        var anchor = field.closest('label') || field;
        anchor.parentNode.insertBefore(alert, anchor.nextSibling);
      }
    }
    if (!alert.id) { alert.id = (field.id || field.name) + '-error'; }
    var described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    if (described.indexOf(alert.id) < 0) {
      field.setAttribute('aria-describedby', described.concat(alert.id).join(' '));
    }
    return alert;
  }

  /* Clear the errors shown in `scope`: all of them, or (given `source`) those a request to that
     handler showed, so a background save never wipes another action's refusal. */
  function clearErrors(scope, source) {
    if (!scope) { return; }
    each(scope, '[data-spoc-error], [data-spoc-error-for]', function (alert) {
      if (source && alert.getAttribute('data-spoc-error-source') !== source) { return; }
      alert.textContent = '';
      alert.hidden = true;
      var name = alert.getAttribute('data-spoc-error-for');
      var field = name && scope.querySelector('[name="' + name + '"]');
      if (field) { field.removeAttribute('aria-invalid'); }
    });
  }

  /* Show a refusal where the person acted: next to `fieldName`'s control when the form has one,
     else in the scope's [data-spoc-error] (made just before `near` when the template has none).
     Focus moves to the field, or to the sentence, which is a role="alert" (read once, never
     announced twice). */
  /* Select line `line` (1 is the first) of a text area and scroll it into view: where a refusal
     says the problem is. */
  function selectLine(field, line) {
    var lines = field.value.split('\n');
    if (!line || line > lines.length || !field.setSelectionRange) { return; }
    var start = lines.slice(0, line - 1).join('\n').length + (line > 1 ? 1 : 0);
    field.setSelectionRange(start, start + lines[line - 1].length);
    var height = parseFloat(window.getComputedStyle(field).lineHeight) || 20;
    field.scrollTop = Math.max(0, (line - 3) * height);
  }

  function showError(scope, message, fieldName, near, source, line) {
    clearErrors(scope);
    var field = fieldName ? scope.querySelector('[name="' + fieldName + '"]') : null;
    var alert;
    if (field) {
      alert = fieldAlert(scope, field);
    } else {
      alert = scope.querySelector('[data-spoc-error]');
      if (!alert) {
        alert = alertElement('data-spoc-error');
        var anchor = near && scope.contains(near) ? near : scope.firstChild;
        (anchor ? anchor.parentNode : scope).insertBefore(alert, anchor);
      }
    }
    alert.setAttribute('data-spoc-error-source', source || '');
    alert.setAttribute('tabindex', '-1');
    alert.textContent = message;
    alert.hidden = false;
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.focus();
      if (field.tagName === 'TEXTAREA') { selectLine(field, line); }
    } else {
      alert.focus();
    }
  }

  /* Show a visible confirmation in the scope's [data-spoc-status] (a role="status", read
     politely); `failed` draws it as a failure. */
  function showStatus(scope, message, failed) {
    var status = scope && scope.querySelector('[data-spoc-status]');
    if (!status) { return false; }
    writeStatus(status, message, failed);
    return true;
  }

  function writeStatus(status, message, failed) {
    status.textContent = message;
    status.hidden = false;
    status.classList.toggle('spoc-status--failed', Boolean(failed));
  }

  /* The block's own status line, for an answer whose control has none near it: one outside every
     form (a form's status line speaks of that form only). */
  function showBlockStatus(container, message) {
    var lines = Array.prototype.filter.call(
      container.querySelectorAll('[data-spoc-status]'),
      function (line) { return !line.closest('form'); });
    if (!lines.length) { return false; }
    writeStatus(lines[0], message);
    return true;
  }

  /* A background send (a draft saved as one types) that failed: its status line says it was not
     saved and why, and the field it names is marked, without taking focus from where the person
     types. With no status line, the refusal shows as any other. */
  function showBackgroundFailure(scope, error, source) {
    var message = interpolate(gettext('Not saved: {reason}'), {reason: error.message});
    if (!showStatus(scope, message, true)) {
      showError(scope, error.message, error.field, null, source);
      return;
    }
    var field = error.field && scope.querySelector('[name="' + error.field + '"]');
    if (field) {
      var alert = fieldAlert(scope, field);
      alert.setAttribute('data-spoc-error-source', source);
      alert.textContent = error.message;
      alert.hidden = false;
      field.setAttribute('aria-invalid', 'true');
    }
  }

  /* A visible confirmation where the view has no [data-spoc-status]: a line at the end of the
     acting control's form, or just after the control, else at the top of what was redrawn (one
     at a time). The live region says it too. */
  function statusNear(container, trigger, changed) {
    each(container, '[data-spoc-status-near]', function (old) { old.remove(); });
    var line = document.createElement('p');
    line.className = 'spoc-status';
    line.setAttribute('data-spoc-status-near', '');
    var form = trigger && container.contains(trigger) && trigger.closest('form');
    if (form) {
      form.appendChild(line);
    } else if (trigger && container.contains(trigger)) {
      trigger.parentNode.insertBefore(line, trigger.nextSibling);
    } else {
      var top = changed[0] || container;
      top.insertBefore(line, top.firstChild);
    }
    return line;
  }

  /* ---- asking first -------------------------------------------------------------------------- */

  /* A <ul> of these texts, each set as text (never as HTML). */
  function textList(texts) {
    var list = document.createElement('ul');
    texts.forEach(function (text) {
      var item = document.createElement('li');
      item.textContent = text;
      list.appendChild(item);
    });
    return list;
  }

  function makeButton(label, className) {
    var button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    button.textContent = label;
    return button;
  }

  /* A handler that asks first answered {confirm: {question, action, affected}} and changed
     nothing: show the question next to the control, with whom it affects, a button that does it
     (`confirmed` sends again) and one that cancels. Focus moves to the question; Escape or Cancel
     closes it and gives focus back to the control. */
  function askFirst(container, asked, trigger, confirmed) {
    each(container, '[data-spoc-asking]', function (old) { old.remove(); });
    var panel = document.createElement('div');
    panel.className = 'spoc-confirm';
    panel.setAttribute('role', 'group');
    panel.setAttribute('data-spoc-asking', '');
    var question = document.createElement('p');
    question.className = 'spoc-confirm__question';
    question.id = 'spoc-asking-' + Date.now();
    question.setAttribute('tabindex', '-1');
    question.textContent = asked.question;
    panel.setAttribute('aria-labelledby', question.id);
    panel.appendChild(question);
    if (asked.affected && asked.affected.length) { panel.appendChild(textList(asked.affected)); }
    var yes = makeButton(asked.action, 'spoc-button');
    var no = makeButton(gettext('Cancel'), 'spoc-button spoc-button--secondary');
    var actions = document.createElement('p');
    actions.className = 'spoc-confirm__actions';
    actions.appendChild(yes);
    actions.appendChild(no);
    panel.appendChild(actions);
    function close() {
      panel.remove();
      if (trigger && container.contains(trigger)) { trigger.focus(); }
    }
    yes.addEventListener('click', function () {
      panel.remove();
      confirmed();
    });
    no.addEventListener('click', close);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') { close(); }
    });
    var inView = trigger && container.contains(trigger);
    var anchor = inView ? (trigger.closest('form') || trigger) : null;
    if (anchor) {
      anchor.parentNode.insertBefore(panel, anchor.nextSibling);
    } else {
      container.insertBefore(panel, container.firstChild);
    }
    question.focus();
  }

  /* Say something to screen-reader users through the block's polite live region. */
  function announce(element, message) {
    var region = root(element).querySelector('[data-spoc-live]');
    if (!region || !message) { return; }
    region.textContent = '';
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function escapeHTML(text) {
    var div = document.createElement('div');
    div.textContent = text == null ? '' : String(text);
    return div.innerHTML;
  }

  /* ---- dates --------------------------------------------------------------------------------- */

  /* Rewrite each server-written UTC <time data-spoc-local> in the viewer's language (and, for a
     moment, their own time zone; a date stays the day it names). */
  function pageLanguage() {
    return document.documentElement.lang || navigator.language || undefined;
  }

  /* A moment in the viewer's language and time zone, which it names ("3 Mar 2026, 10:00 CET"). */
  var MOMENT = {year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric',
                minute: '2-digit', timeZoneName: 'short'};

  function localizeTimes(container) {
    var language = pageLanguage();
    each(container, 'time[data-spoc-local]', function (node) {
      var moment = new Date(node.getAttribute('datetime'));
      if (isNaN(moment.getTime())) { return; }
      try {
        node.textContent = node.getAttribute('data-spoc-local') === 'date'
          ? moment.toLocaleDateString(language, {dateStyle: 'medium', timeZone: 'UTC'})
          : moment.toLocaleString(language, MOMENT);
      } catch (error) { /* an unknown language tag: keep the server's text */ }
    });
  }

  /* A number, or with {percent: true} a percentage out of 100, as the viewer's language writes it
     ("1 234" and "70 %" in French), as common/numbers.py does on the server. */
  function formatNumber(value, options) {
    var percent = Boolean(options && options.percent);
    try {
      // ICU spaces a French percent with U+00A0; the server, and French typography, use U+202F.
      return new Intl.NumberFormat(pageLanguage(), {
        style: percent ? 'percent' : 'decimal', maximumFractionDigits: 2
      }).format(percent ? value / 100 : value).replace(/\u00a0%/, '\u202f%');
    } catch (error) {
      return String(value) + (percent ? '%' : '');
    }
  }

  /* ---- answers ------------------------------------------------------------------------------- */

  function region(container, name) {
    return container.querySelector('[data-spoc-region="' + name + '"]');
  }

  function targetRegion(container, trigger) {
    var name = trigger && trigger.getAttribute('data-spoc-target');
    if (name) { return region(container, name); }
    var around = trigger && trigger.closest('[data-spoc-region]');
    return around && container.contains(around) ?
      around : container.querySelector('[data-spoc-region]');
  }

  function focusTarget(container, answer, trigger, changed) {
    var wanted = answer.focus || (trigger && trigger.getAttribute('data-spoc-focus')) || '';
    var byId = wanted && document.getElementById(wanted);
    if (byId && container.contains(byId)) { return byId; }
    var named = wanted && region(container, wanted);
    if (named) { return named.querySelector('[data-spoc-focus]') || named; }
    for (var index = 0; index < changed.length; index += 1) {
      var marked = changed[index].querySelector('[data-spoc-focus]');
      if (marked) { return marked; }
    }
    return null;
  }

  /* Put an answer on the page: redraw, localise its dates, confirm, move focus, announce. */
  function apply(element, answer, trigger) {
    var container = root(element);
    var target = typeof answer.html === 'string' ? targetRegion(container, trigger) : null;
    var scope = trigger && (trigger.closest('form') || trigger.closest('[data-spoc-region]'));
    var changed = [];
    if (target) {
      target.innerHTML = answer.html; // rendered and escaped by the server
      changed.push(target);
    }
    Object.keys(answer.sections || {}).forEach(function (name) {
      var section = region(container, name);
      if (section) {
        section.innerHTML = answer.sections[name]; // rendered and escaped by the server
        changed.push(section);
      }
    });
    Object.keys(answer.prepend || {}).forEach(function (name) {
      var section = region(container, name);
      var list = section && section.querySelector('[data-spoc-list]');
      if (list) {
        list.insertAdjacentHTML('afterbegin', answer.prepend[name]); // rendered and escaped
        list.hidden = false;
        each(section, '[data-spoc-empty]', function (note) { note.hidden = true; });
        changed.push(list);
      }
    });
    changed.forEach(localizeTimes);
    var shown = false;
    if (answer.message) {
      shown = changed.some(function (part) { return showStatus(part, answer.message); }) ||
        (scope && container.contains(scope) && showStatus(scope, answer.message)) ||
        showBlockStatus(container, answer.message);
      if (!shown) {
        var line = statusNear(container, trigger, changed);
        line.textContent = answer.message;
      }
    }
    var focus = focusTarget(container, answer, trigger, changed);
    if (focus) {
      if (!focus.hasAttribute('tabindex') &&
          !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(focus.tagName)) {
        focus.setAttribute('tabindex', '-1');
      }
      focus.focus();
    }
    announce(container, answer.announce || (shown ? '' : answer.message));
  }

  /* ---- unsaved work -------------------------------------------------------------------------- */

  /* Forms (or regions) holding what the person typed and no server has yet: leaving the page then
     asks first, as long as they are still on the page. */
  var unsaved = new Set();

  function markUnsaved(scope, waiting) {
    if (waiting) { unsaved.add(scope); } else { unsaved.delete(scope); }
  }

  window.addEventListener('beforeunload', function (event) {
    var waiting = Array.from(unsaved).some(function (scope) { return scope.isConnected; });
    if (waiting) {
      event.preventDefault();
      event.returnValue = '';
    }
  });

  /* Background sends from one form are numbered: an answer overtaken by a later send's (drafts
     sent as one types may be answered out of order) changes nothing on the page. */
  var sendsMade = new WeakMap();

  function nextSend(scope) {
    var order = (sendsMade.get(scope) || 0) + 1;
    sendsMade.set(scope, order);
    return order;
  }

  function overtaken(scope, order) {
    return sendsMade.get(scope) !== order;
  }

  /* ---- binding a view ------------------------------------------------------------------------ */

  /* Make a view's declared forms and buttons work, and return `send` for what the view sends
     itself.

     options.payload(handler, payload, trigger) may add to or change a payload before it goes;
     options.answered(answer, handler, trigger) runs after an answer is on the page;
     options.failed(error, handler, trigger) runs on a refusal and returns true when it has shown
     it.
     send(handler, payload, trigger, {background: true}) sends without the busy guard and without
     redrawing (a draft saved as the person types); its answer's `message` still shows, and a
     failure shows in the same status line ("Not saved: …"). */
  function bind(runtime, element, options) {
    options = options || {};
    var container = root(element);
    var busy = false;

    function scopeOf(trigger) {
      return (trigger && (trigger.closest('form') || trigger.closest('[data-spoc-region]'))) ||
        container;
    }

    function send(handler, payload, trigger, how) {
      var background = how && how.background;
      if (!background && busy) { return Promise.resolve(null); }
      if (!background) {
        busy = true;
        container.setAttribute('aria-busy', 'true');
      }
      var scope = scopeOf(trigger);
      var order = background ? nextSend(scope) : 0;
      if (background) { markUnsaved(scope, true); }
      return post(runtime.handlerUrl(element, handler), payload).then(function (answer) {
        if (background && overtaken(scope, order)) { return answer; }
        markUnsaved(scope, false);
        clearErrors(scope, background ? handler : '');
        if (answer.confirm && !background) {
          askFirst(container, answer.confirm, trigger, function () {
            send(handler, Object.assign({}, payload, {confirmed: true}), trigger);
          });
          return answer;
        }
        if (background) {
          showStatus(scope, answer.message || '');
        } else {
          apply(container, answer, trigger);
        }
        if (options.answered) { options.answered(answer, handler, trigger); }
        if (answer.reload) { window.location.reload(); }
        return answer;
      }, function (error) {
        if (background && overtaken(scope, order)) { return null; }
        if (options.failed && options.failed(error, handler, trigger)) { return null; }
        var where = container.contains(scope) ? scope : container;
        if (background) {
          showBackgroundFailure(where, error, handler);
        } else {
          showError(where, error.message, error.field, trigger, handler, error.line);
        }
        return null;
      }).then(function (answer) {
        if (!background) {
          busy = false;
          container.removeAttribute('aria-busy');
        }
        return answer;
      });
    }

    function trigger(handler, payload, source) {
      var final = options.payload ? options.payload(handler, payload, source) : payload;
      if (final) { send(handler, final, source); }
    }

    container.addEventListener('submit', function (event) {
      var form = event.target;
      var submitter = event.submitter && event.submitter.hasAttribute('data-spoc-handler') ?
        event.submitter : null;
      var handler = (submitter || form).getAttribute('data-spoc-handler');
      if (!handler || !container.contains(form)) { return; }
      event.preventDefault();
      if ((submitter || form).getAttribute('aria-disabled') === 'true') { return; }
      trigger(handler,
              Object.assign(readPayload(form), formValues(form), readPayload(submitter)),
              submitter || form);
    });

    container.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-spoc-handler]');
      if (!button || !container.contains(button) || (button.type === 'submit' && button.form)) {
        return;
      }
      event.preventDefault();
      if (button.getAttribute('aria-disabled') === 'true') { return; }
      trigger(button.getAttribute('data-spoc-handler'), readPayload(button), button);
    });

    localizeTimes(container);
    return {send: send, root: container};
  }

  /* Tell Studio about the editor (save started or ended, error, cancel); the workbench has no
     runtime.notify. */
  function notifyStudio(runtime, name, data) {
    if (runtime.notify) { runtime.notify(name, data || {}); }
  }

  /* A Studio editor: `bind`, with Studio told when a save starts, ends or fails (under
     `failureTitle`), and the [data-spoc-cancel] button closing the editor. */
  function bindStudio(runtime, element, failureTitle, options) {
    options = options || {};
    var view = bind(runtime, element, {
      payload: function (handler, payload, trigger) {
        var final = options.payload ? options.payload(handler, payload, trigger) : payload;
        if (final && handler === 'studio_submit') {
          notifyStudio(runtime, 'save', {state: 'start', message: gettext('Saving')});
        }
        return final;
      },
      answered: function (answer, handler, trigger) {
        if (handler === 'studio_submit') { notifyStudio(runtime, 'save', {state: 'end'}); }
        if (options.answered) { options.answered(answer, handler, trigger); }
      },
      failed: function (error, handler, trigger) {
        if (handler === 'studio_submit') {
          notifyStudio(runtime, 'error', {title: failureTitle, message: error.message});
        }
        return options.failed ? options.failed(error, handler, trigger) : false;
      }
    });
    view.root.addEventListener('click', function (event) {
      if (event.target.closest('[data-spoc-cancel]')) { notifyStudio(runtime, 'cancel'); }
    });
    return view;
  }

  return {
    root: root, gettext: gettext, interpolate: interpolate, escapeHTML: escapeHTML, post: post,
    formValues: formValues, showError: showError, clearErrors: clearErrors, showStatus: showStatus,
    textList: textList,
    announce: announce, localizeTimes: localizeTimes, formatNumber: formatNumber, apply: apply,
    bind: bind, markUnsaved: markUnsaved,
    bindStudio: bindStudio, notifyStudio: notifyStudio
  };
}());
