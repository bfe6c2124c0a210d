/* The serious game's Studio editor. spoc.js saves the form and shows each refusal next to its
   control; the scenario's Form tab is scenario_editor.js's; this script keeps what is the
   editor's own: the scenario checked as it is edited (its map and its problems open their node in
   the form, and a problem is said at its control), and a Twine, Twee or H5P file imported into
   the editor. */
function SeriousGameStudio(runtime, element, initArgs) {
  'use strict';

  var S = window.SpocXBlocks;
  var gettext = S.gettext;
  var editor = S.bindFormStudio(runtime, element, gettext('The scenario was not saved'),
                                Object.assign(S.scenarioEditorSpec(initArgs), {
                                  changed: scheduleCheck,
                                  drawn: function () { markControls(lastCheck); }
                                }));
  var view = editor.view;
  var root = view.root;
  var form = root.querySelector('form');
  var scenario = form.elements.namedItem('scenario_xml');
  var importFile = form.elements.namedItem('filename');
  var importButton = root.querySelector('[data-spoc-import]');
  var report = root.querySelector('[data-spoc-import-report]');
  var check = root.querySelector('[data-spoc-check]');
  var summary = check.querySelector('[data-spoc-region="check-summary"]');
  var CHECK_DELAY_MS = 600;
  var BINARY_EXTENSIONS = ['h5p'];
  var checkTimer = null;
  var checkNumber = 0;

  function megabytes(bytes) {
    return Math.round(bytes / (1024 * 1024));
  }

  /* ---- live check of the scenario ------------------------------------------------------------ */

  /* Ask the server to check the text as it stands; only the latest answer is shown. */
  function runCheck() {
    var number = ++checkNumber;
    if (new Blob([scenario.value]).size > initArgs.maxScenarioBytes) {
      summary.textContent = S.interpolate(
        gettext('The scenario is larger than the {size} MB limit: it cannot be checked or saved.'),
        {size: megabytes(initArgs.maxScenarioBytes)});
      return;
    }
    check.setAttribute('aria-busy', 'true');
    var url = runtime.handlerUrl(element, 'validate_scenario');
    S.post(url, {scenario_xml: scenario.value}).then(function (answer) {
      if (number === checkNumber) {
        S.apply(root, answer);
        linkMap();
        markControls(answer);
      }
    }, function (error) {
      if (number === checkNumber) { summary.textContent = error.message; }
    }).then(function () {
      if (number === checkNumber) { check.removeAttribute('aria-busy'); }
    });
  }

  function scheduleCheck() {
    window.clearTimeout(checkTimer);
    checkTimer = window.setTimeout(runCheck, CHECK_DELAY_MS);
  }

  /* ---- from the check to the form: a problem's button, a node of the map -------------------- */

  /* The control a problem is about: a choice's condition, target or hotspot place, an ending's
     score, a screen's, an input's or a miss's first field, or else the choice's text or the
     node's title. */
  function controlOf(code, choiceIndex) {
    var field = /^condition_/.test(code) ? 'condition' :
      /^(input|answer)_/.test(code) ? 'input_label' :
      {choice_target_missing: 'target', ending_score_out_of_range: 'score',
       ending_path_minimum_out_of_range: 'path_minimum', ending_outcome_invalid: 'outcome',
       node_kind_invalid: 'kind', content_choice_count: 'kind',
       decision_too_few_choices: 'kind', simulation_on_content_or_ending: 'kind',
       hotspot_outside_image: 'area-x', hotspot_overlap: 'screen_overlap',
       hotspot_without_screen: 'screen', screen_no_way_on: 'screen',
       miss_unknown_competency: 'miss_feedback'}[code];
    if (choiceIndex >= 0) { return ['choices', choiceIndex, field || 'text']; }
    var ofChoice = ['condition', 'target', 'area-x'].indexOf(field) >= 0;
    return [field && !ofChoice ? field : 'title'];
  }

  /* Where a problem is in the form: {index} of its node and {control}, the path to its control
     in the node; null when the form has no such node. */
  function placeOf(nodeId, choiceId, code) {
    var nodes = editor.model() ? editor.model().nodes : [];
    var index = nodes.map(function (node) { return node.id; }).indexOf(nodeId);
    if (index < 0) { return null; }
    var choiceIndex = nodes[index].choices.map(function (choice) { return choice.id; })
      .indexOf(choiceId);
    return {index: index, control: controlOf(code || '', choiceId ? choiceIndex : -1)};
  }

  function editNode(nodeId, choiceId, code) {
    editor.whenLoaded(function () {
      var place = placeOf(nodeId, choiceId, code);
      if (place) { editor.show(['nodes'], place.index, place.control); }
    });
  }

  /* A problem of a condition, a target or an ending's score is also said at its control, when the
     node is shown: aria-invalid for an error, and the sentence it is described by. */
  var marks = [];
  var lastCheck = {};
  function markControls(answer) {
    lastCheck = answer;
    marks.forEach(function (mark) {
      mark.control.removeAttribute('aria-invalid');
      if (mark.describedBy) {
        mark.control.setAttribute('aria-describedby', mark.describedBy);
      } else {
        mark.control.removeAttribute('aria-describedby');
      }
      mark.note.remove();
    });
    marks = [];
    [[answer.errors || [], true], [answer.warnings || [], false]].forEach(function (level) {
      level[0].forEach(function (problem) {
        var place = problem.node_id && placeOf(problem.node_id, problem.choice_id, problem.code);
        var key = place && place.control[place.control.length - 1];
        if (!place || key === 'text' || key === 'title') { return; }
        var path = ['nodes', place.index].concat(place.control);
        var control = document.getElementById(editor.idOf(path.slice(0, -1), key));
        if (!control) { return; }
        var note = document.createElement('p');
        note.className = level[1] ? 'spoc-alert' : 'spoc-note';
        note.id = control.id + '-problem-' + marks.length;
        note.textContent = problem.text;
        control.parentNode.appendChild(note);
        var describedBy = control.getAttribute('aria-describedby') || '';
        marks.push({control: control, note: note, describedBy: describedBy});
        control.setAttribute('aria-describedby', (describedBy + ' ' + note.id).trim());
        if (level[1]) { control.setAttribute('aria-invalid', 'true'); }
      });
    });
  }

  /* The map's nodes as buttons that open the node in the form (Tab reaches them). */
  function linkMap() {
    var svg = check.querySelector('[data-spoc-region="check-map"] svg');
    if (!svg) { return; }
    svg.setAttribute('role', 'group');  // an image cannot hold buttons
    Array.prototype.forEach.call(svg.querySelectorAll('[data-spoc-node]'), function (node) {
      var title = node.querySelector('title');
      node.setAttribute('role', 'button');
      node.setAttribute('tabindex', '0');
      node.setAttribute('aria-label', S.interpolate(gettext('Edit {node}'),
                                                    {node: title ? title.textContent : ''}));
    });
  }

  check.addEventListener('click', function (event) {
    var target = event.target.closest('[data-spoc-goto-node], [data-spoc-node]');
    if (!target) { return; }
    if (target.hasAttribute('data-spoc-node')) {
      editNode(target.getAttribute('data-spoc-node'), '', '');
    } else {
      editNode(target.getAttribute('data-spoc-goto-node'),
               target.getAttribute('data-spoc-goto-choice'),
               target.getAttribute('data-spoc-goto-code'));
    }
  });
  check.addEventListener('keydown', function (event) {
    var target = event.target.closest('[data-spoc-node]');
    if (target && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      editNode(target.getAttribute('data-spoc-node'), '', '');
    }
  });

  /* ---- import -------------------------------------------------------------------------------- */

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

  function paragraph(text, className) {
    var node = document.createElement('p');
    node.className = className || '';
    node.textContent = text;
    return node;
  }

  /* The import report: what happened, then (when some of the file was not converted) the notes. */
  function showReport(title, summary, notes) {
    report.innerHTML = '';
    report.appendChild(paragraph(title, 'spoc-note'));
    (summary || []).forEach(function (line) {
      report.appendChild(paragraph(line));
    });
    if (notes.length) {
      report.appendChild(paragraph(gettext('Some of the file could not be converted:')));
      report.appendChild(S.textList(notes));
    }
    report.hidden = false;
    report.focus();
  }

  function useImport(answer) {
    var grading = form.elements.namedItem('grading_mode');
    var title = gettext('The file was imported into the editor: select Save to keep it.');
    scenario.value = answer.scenario_xml;
    scenario.dispatchEvent(new Event('input'));  // the Form tab shows the imported scenario
    if (answer.grading_mode && grading.value !== answer.grading_mode) {
      grading.value = answer.grading_mode;
      title += ' ' + gettext('The grading setting was changed to match the file.');
    }
    showReport(title, answer.summary, answer.notes);
  }

  function refuseImport(message) {
    S.showError(form, message, 'filename');
  }

  function importSelected() {
    report.hidden = true;
    var file = importFile.files && importFile.files[0];
    if (!file) {
      refuseImport(gettext('Choose a file to import first.'));
      return;
    }
    if (file.size > initArgs.maxImportBytes) {
      refuseImport(S.interpolate(gettext('This file is larger than the {size} MB limit.'),
                                 {size: megabytes(initArgs.maxImportBytes)}));
      return;
    }
    S.announce(root, gettext('Importing the file…'));
    readFile(file).then(function (read) {
      var payload = {filename: file.name, content: read.content, encoding: read.encoding};
      return view.send('import_scenario', payload, importButton).then(function (answer) {
        if (answer) { useImport(answer); }
      });
    }, function (error) {
      refuseImport(error.message);
    });
  }

  scenario.addEventListener('input', scheduleCheck);
  linkMap();
  importButton.addEventListener('click', importSelected);
}
