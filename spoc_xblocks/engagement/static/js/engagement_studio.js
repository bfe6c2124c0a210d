/* The engagement widgets' Studio editor: the settings, and the content (the pulse's questions or
   the skills check's competencies) as a form in sync with its XML, saved whole, or not at all, by
   spoc.js. Ids are made once for a new item and kept: answers are counted by id. */
function SpocEngagementStudio(runtime, element, initArgs) {
  'use strict';
  var spoc = window.SpocXBlocks;
  var gettext = spoc.gettext;
  var xml = spoc.xmlText;
  var CHOICES = ['single', 'multiple'];

  function text(tag, value, attributes) {
    return value ? [[tag, attributes || {}, value]] : [];
  }

  function intro(model) {
    return text('intro', model.intro, /[<&]/.test(model.intro) ? {'': 'cdata'} : {});
  }

  function body(nodes) {
    return nodes.map(function (node) { return xml(node); }).join('');
  }

  var introField = {key: 'intro', label: gettext('Introduction (HTML)'), kind: 'textarea',
                    rows: 3};
  var inUse = initArgs.in_use || {};

  /* Before an item learners already answered is removed: what removing it does to their answers. */
  function removing(warning) {
    return function (item) {
      var count = inUse[item.id] || 0;
      return count ? spoc.interpolate(warning, {count: count}) : '';
    };
  }

  var pulse = {
    load: function (model) {
      model.questions.forEach(function (question) {
        question.options = question.options.map(function (pair) {
          return {id: pair[0], label: pair[1]};
        });
      });
      return model;
    },
    toXml: function (model) {
      return body(intro(model).concat(model.questions.map(function (question) {
        var attributes = {id: question.id, kind: question.kind};
        if (!question.required) { attributes.required = 'false'; }
        var options = CHOICES.indexOf(question.kind) >= 0 ? question.options : [];
        return ['question', attributes, ['text', question.text || '']].concat(
          options.map(function (option) { return ['option', {id: option.id}, option.label]; }));
      })));
    },
    group: {fields: [introField], lists: [{
      key: 'questions',
      removing: removing(gettext(
        'Answers to this question so far: {count}. Once it is removed, they no longer show in ' +
        'the results or the CSV export. Remove it?')),
      name: gettext('Question'),
      add: gettext('Add a question'),
      create: function (items) {
        return {id: spoc.newId(items, 'id', 'question'), kind: 'likert', text: '',
                required: true, options: []};
      },
      group: {
        fields: [
          {key: 'text', label: gettext('Question text'), kind: 'textarea'},
          {key: 'kind', label: gettext('Kind of answer'), kind: 'select', redraw: true, choices: [
            ['likert', gettext('Agreement, from strongly disagree to strongly agree')],
            ['stars', gettext('Stars, 1 to 5')],
            ['nps', gettext('Recommendation, 0 to 10')],
            ['single', gettext('One option')],
            ['multiple', gettext('Several options')],
            ['text', gettext('Written answer')]
          ]},
          {key: 'required', label: gettext('An answer is required'), kind: 'checkbox'}
        ],
        lists: [{
          key: 'options',
          name: gettext('Option'),
          add: gettext('Add an option'),
          shown: function (question) { return CHOICES.indexOf(question.kind) >= 0; },
          create: function (items) { return {id: spoc.newId(items, 'id', 'option'), label: ''}; },
          group: {fields: [{key: 'label', label: gettext('Option text'), kind: 'text'}]}
        }]
      }
    }]}
  };

  var LEVELS = [1, 2, 3, 4, 5];
  var skills = {
    load: function (model) {
      model.competencies.forEach(function (competency) {
        LEVELS.forEach(function (level) {
          competency['level' + level] = competency.levels[level - 1];
        });
      });
      return model;
    },
    toXml: function (model) {
      return body(intro(model).concat(model.competencies.map(function (competency) {
        return ['competency', {id: competency.id, label: competency.label || ''}].concat(
          LEVELS.map(function (level) {
            return ['level', {value: level}, competency['level' + level] || ''];
          }));
      })));
    },
    group: {fields: [introField], lists: [{
      key: 'competencies',
      removing: removing(gettext(
        'Learners who rated this competency so far: {count}. Once it is removed, their levels no ' +
        'longer show in the figures or the CSV export. Remove it?')),
      name: gettext('Competency'),
      add: gettext('Add a competency'),
      create: function (items) {
        return {id: spoc.newId(items, 'id', 'competency'), label: ''};
      },
      group: {fields: [{key: 'label', label: gettext('Competency'), kind: 'text'}].concat(
        LEVELS.map(function (level) {
          return {key: 'level' + level, kind: 'textarea',
                  label: spoc.interpolate(gettext('Level {level} means'), {level: level})};
        }))}
    }]}
  };

  var spec = initArgs.editor === 'spoc_skills_check' ? skills : pulse;
  spoc.bindFormStudio(runtime, element, gettext('Nothing was saved'),
                      Object.assign({xmlName: 'body'}, spec));
  if (initArgs.presets && initArgs.presets.module_check) {
    offerModuleCheck(spoc.root(element), initArgs.presets.module_check);
  }

  /* A button that turns the pulse into the one-click module check (its question replaces the
     pulse's; the form follows the XML, and nothing is saved until Save). */
  function offerModuleCheck(root, presetXml) {
    var editor = root.querySelector('[data-spoc-form-editor]');
    var xmlField = root.querySelector('[name="body"]');
    var offer = document.createElement('p');
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'spoc-button spoc-button--secondary';
    button.textContent = gettext('Make it a one-click module check');
    offer.appendChild(button);
    var help = document.createElement('span');
    help.className = 'spoc-muted';
    help.textContent = ' ' + gettext(
      'Drop it at the end of a module: learners say in one click whether the module was ' +
      'relevant, too easy or too hard, and the cohort coach sums it up per module.');
    offer.appendChild(help);
    editor.parentNode.insertBefore(offer, editor);
    button.addEventListener('click', function () {
      if (/<question/.test(xmlField.value) && !window.confirm(gettext(
        'The module check\'s one question replaces the questions of this pulse. Replace them?'))) {
        return;
      }
      xmlField.value = presetXml;
      xmlField.dispatchEvent(new Event('input', {bubbles: true}));
      spoc.announce(root, gettext('The pulse is now a one-click module check: save to keep it.'));
    });
  }
}
