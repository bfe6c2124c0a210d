/* The serious game's Studio editor: settings, the scenario XML checked as you type, import, save and cancel. */
function SeriousGameStudio(runtime, element, initArgs) {
  'use strict';

  var S = window.SpocXBlocks;
  var gettext = S.gettext;
  var root = S.root(element);
  var form = root.querySelector('[data-spoc-form]');
  var scenario = root.querySelector('[data-spoc-scenario]');
  var summary = root.querySelector('[data-spoc-check-summary]');
  var check = root.querySelector('[data-spoc-check]');
  var formError = root.querySelector('[data-spoc-form-error]');
  var importFile = root.querySelector('[data-spoc-import-file]');
  var importButton = root.querySelector('[data-spoc-import]');
  var report = root.querySelector('[data-spoc-import-report]');
  var saveButton = root.querySelector('[data-spoc-save]');
  var CHECK_DELAY_MS = 600;
  var checkTimer = null;
  var checkNumber = 0;
  var BINARY_EXTENSIONS = ['h5p'];

  function url(handler) {
    return runtime.handlerUrl(element, handler);
  }

  function field(name) {
    return form.elements.namedItem(name);
  }

  function utf8Length(text) {
    return new Blob([text]).size;
  }

  function megabytes(bytes) {
    return Math.round(bytes / (1024 * 1024));
  }

  function isBusy(button) {
    return button.getAttribute('aria-disabled') === 'true';
  }

  /* ---- live check of the scenario ---------------------------------------------------------------------- */

  function showCheck(data) {
    summary.textContent = data.summary;
    root.querySelector('[data-spoc-problems]').innerHTML = data.problems_html; // rendered and escaped by the server
    root.querySelector('[data-spoc-map]').innerHTML = data.svg; // drawn and escaped by the server
  }

  function runCheck() {
    var number = ++checkNumber;
    if (utf8Length(scenario.value) > initArgs.maxScenarioBytes) {
      summary.textContent = S.interpolate(
        gettext('The scenario is larger than the {size} MB limit: it cannot be checked or saved.'),
        {size: megabytes(initArgs.maxScenarioBytes)});
      return;
    }
    check.setAttribute('aria-busy', 'true');
    S.postJSON(url('validate_scenario'), {scenario_xml: scenario.value}).then(function (data) {
      if (number === checkNumber) {
        showCheck(data);
      }
    }, function (error) {
      if (number === checkNumber) {
        summary.textContent = error.message;
      }
    }).then(function () {
      if (number === checkNumber) {
        check.removeAttribute('aria-busy');
      }
    });
  }

  function scheduleCheck() {
    window.clearTimeout(checkTimer);
    checkTimer = window.setTimeout(runCheck, CHECK_DELAY_MS);
  }

  /* ---- import ------------------------------------------------------------------------------------------- */

  function extensionOf(name) {
    var dot = name.lastIndexOf('.');
    return dot === -1 ? '' : name.slice(dot + 1).toLowerCase();
  }

  /* Resolve with {content, encoding}: the file's text, or base64 for a binary package. */
  function readFile(file) {
    var binary = BINARY_EXTENSIONS.indexOf(extensionOf(file.name)) !== -1;
    return new Promise(function (resolve, reject) {
      var reader = new FileReader();
      reader.onload = function () {
        if (!binary) {
          resolve({content: reader.result, encoding: 'text'});
          return;
        }
        var dataUrl = String(reader.result);
        resolve({content: dataUrl.slice(dataUrl.indexOf(',') + 1), encoding: 'base64'});
      };
      reader.onerror = function () {
        reject(new Error(gettext('The file could not be read.')));
      };
      if (binary) {
        reader.readAsDataURL(file);
      } else {
        reader.readAsText(file, 'utf-8');
      }
    });
  }

  function paragraph(className, text) {
    var element = document.createElement('p');
    element.className = className;
    element.textContent = text;
    return element;
  }

  /* The import report: a title, then (when some of the file was not converted) an introduction and the notes. */
  function showReport(title, notes, isError) {
    report.innerHTML = '';
    report.appendChild(paragraph(isError ? 'spoc-alert' : 'spoc-note', title));
    if (notes.length) {
      report.appendChild(paragraph('', gettext('Some of the file could not be converted:')));
      var list = document.createElement('ul');
      notes.forEach(function (note) {
        var item = document.createElement('li');
        item.textContent = note;
        list.appendChild(item);
      });
      report.appendChild(list);
    }
    report.hidden = false;
    report.focus();
  }

  function useImport(data) {
    scenario.value = data.scenario_xml;
    var title = gettext('The file was imported into the editor: select Save to keep it.');
    if (data.grading_mode && field('grading_mode').value !== data.grading_mode) {
      field('grading_mode').value = data.grading_mode;
      title += ' ' + gettext('The grading setting was changed to match the file.');
    }
    showReport(title, data.notes, false);
    runCheck();
  }

  function importSelected() {
    if (isBusy(importButton)) {
      return;
    }
    var file = importFile.files && importFile.files[0];
    if (!file) {
      showReport(gettext('Choose a file to import first.'), [], true);
      return;
    }
    if (file.size > initArgs.maxImportBytes) {
      showReport(S.interpolate(gettext('This file is larger than the {size} MB limit.'),
                               {size: megabytes(initArgs.maxImportBytes)}), [], true);
      return;
    }
    importButton.setAttribute('aria-disabled', 'true');
    S.announce(root, gettext('Importing the file…'));
    readFile(file).then(function (read) {
      return S.postJSON(url('import_scenario'), {filename: file.name, content: read.content, encoding: read.encoding});
    }).then(useImport, function (error) {
      showReport(error.message, [], true);
    }).then(function () {
      importButton.removeAttribute('aria-disabled');
    });
  }

  /* ---- settings and save -------------------------------------------------------------------------------- */

  function setFieldError(name, message) {
    var error = root.querySelector('[data-spoc-error-for="' + name + '"]');
    var input = field(name);
    error.textContent = message || '';
    error.hidden = !message;
    if (message) {
      input.setAttribute('aria-invalid', 'true');
    } else {
      input.removeAttribute('aria-invalid');
    }
    return !message;
  }

  function numberError(input, wholeOnly) {
    var text = input.value.trim();
    var value = Number(text);
    if (text === '' || isNaN(value) || (wholeOnly && Math.floor(value) !== value)) {
      return wholeOnly ? gettext('Enter a whole number.') : gettext('Enter a number.');
    }
    if (value < Number(input.min) || value > Number(input.max)) {
      return S.interpolate(gettext('Enter a number from {min} to {max}.'), {min: input.min, max: input.max});
    }
    return '';
  }

  /* Check the form in the browser; return the first control in error, or null. */
  function firstInvalid() {
    var checks = [
      ['display_name', field('display_name').value.trim() ? '' : gettext('Enter a display name.')],
      ['weight', numberError(field('weight'), false)],
      ['attempt_limit', numberError(field('attempt_limit'), true)]
    ];
    var invalid = null;
    checks.forEach(function (pair) {
      if (!setFieldError(pair[0], pair[1]) && !invalid) {
        invalid = field(pair[0]);
      }
    });
    return invalid;
  }

  function payload() {
    return {
      display_name: field('display_name').value,
      weight: Number(field('weight').value),
      grading_mode: field('grading_mode').value,
      allow_back: field('allow_back').checked,
      allow_replay: field('allow_replay').checked,
      attempt_limit: Number(field('attempt_limit').value),
      replay_policy: field('replay_policy').value,
      show_feedback: field('show_feedback').checked,
      scenario_xml: scenario.value
    };
  }

  function showFormError(message) {
    formError.textContent = message || '';
    formError.hidden = !message;
  }

  function save(event) {
    event.preventDefault();
    if (isBusy(saveButton)) {
      return;
    }
    showFormError('');
    var invalid = firstInvalid();
    if (invalid) {
      showFormError(gettext('Some settings need fixing: nothing was saved.'));
      invalid.focus();
      return;
    }
    saveButton.setAttribute('aria-disabled', 'true');
    S.studioSave(runtime, element, payload(), gettext('The scenario was not saved')).then(null, function (error) {
      showFormError(error.message);
    }).then(function () {
      saveButton.removeAttribute('aria-disabled');
    });
  }

  scenario.addEventListener('input', scheduleCheck);
  importButton.addEventListener('click', importSelected);
  form.addEventListener('submit', save);
  root.querySelector('[data-spoc-cancel]').addEventListener('click', function () {
    S.notifyStudio(runtime, 'cancel');
  });
}
