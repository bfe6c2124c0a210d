/* Shared browser helpers of the SPOC blocks: JSON requests, announcements, translation. */
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

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : '';
  }

  /* What to tell the person when a request fails. The blocks answer {"error": sentence}; the platform or its
     proxy may answer before the block runs: 413 (a body too large; the LMS's JSON says "success"), 403 (the
     session ended). */
  function failureMessage(status, data) {
    if (data.error) { return data.error; }
    if (status === 413) { return gettext('This is larger than the site accepts.'); }
    if (status === 403) { return gettext('Your session has ended: sign in again, then try once more.'); }
    return gettext('Something went wrong. Please try again.');
  }

  /* POST a body with the CSRF token; resolve with the decoded JSON answer, reject with an Error carrying the
     message to show and the HTTP status. */
  function post(url, body, headers) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: Object.assign({'X-CSRFToken': csrfToken()}, headers || {}),
      body: body
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var error = new Error(failureMessage(response.status, data));
          error.status = response.status;
          throw error;
        }
        return data;
      });
    }, function () {
      throw new Error(gettext('The server could not be reached. Check your connection and try again.'));
    });
  }

  function postJSON(url, payload) {
    return post(url, JSON.stringify(payload || {}), {'Content-Type': 'application/json'});
  }

  /* POST a multipart form (a file upload): the browser sets its content type and boundary. */
  function postForm(url, formData) {
    return post(url, formData);
  }

  /* Say something to screen-reader users through the block's polite live region. */
  function announce(element, message) {
    var region = element.querySelector('[data-spoc-live]');
    if (!region) { return; }
    region.textContent = '';
    window.setTimeout(function () { region.textContent = message; }, 50);
  }

  function escapeHTML(text) {
    var div = document.createElement('div');
    div.textContent = text == null ? '' : String(text);
    return div.innerHTML;
  }

  /* Tell Studio about the editor (save started or ended, error, cancel); the workbench has no runtime.notify. */
  function notifyStudio(runtime, name, data) {
    if (runtime.notify) { runtime.notify(name, data || {}); }
  }

  /* Save a Studio editor's payload through its `studio_submit` handler, keeping Studio informed. Resolves with
     the answer (its message announced); rejects with the error, already reported to Studio under `failureTitle`. */
  function studioSave(runtime, element, payload, failureTitle) {
    notifyStudio(runtime, 'save', {state: 'start', message: gettext('Saving')});
    return postJSON(runtime.handlerUrl(element, 'studio_submit'), payload).then(function (answer) {
      announce(root(element), answer.message);
      notifyStudio(runtime, 'save', {state: 'end'});
      return answer;
    }, function (error) {
      notifyStudio(runtime, 'error', {title: failureTitle, message: error.message});
      throw error;
    });
  }

  /* The block's root DOM element, whether the runtime passed a DOM node or a jQuery wrapper. */
  function root(element) {
    return element && element.jquery ? element[0] : element;
  }

  return {root: root, notifyStudio: notifyStudio, studioSave: studioSave, gettext: gettext, interpolate: interpolate, postJSON: postJSON, postForm: postForm, announce: announce, escapeHTML: escapeHTML};
}());
