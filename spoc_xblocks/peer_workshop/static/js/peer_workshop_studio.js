/* Studio editor of the peer workshop: its settings are declared in the template and sent by spoc.js
   (the server saves all or nothing); its rubric is a form, kept in sync with the rubric's XML. */
function PeerWorkshopStudio(runtime, element) {
  'use strict';
  var spoc = window.SpocXBlocks;
  var gettext = spoc.gettext;
  var comments = [
    ['none', gettext('No comment box')],
    ['optional', gettext('Optional comment')],
    ['required', gettext('Required comment')]
  ];

  function toXml(model) {
    var xml = spoc.xmlText;
    function text(tag, value) { return value ? [[tag, value]] : []; }
    return xml(['rubric', {feedback: model.overall_feedback}].concat(
      text('feedbackprompt', model.overall_prompt),
      text('feedback_default_text', model.overall_placeholder),
      model.criteria.map(function (criterion) {
        return ['criterion', {name: criterion.name, feedback: criterion.feedback}].concat(
          text('label', criterion.label), text('prompt', criterion.prompt),
          criterion.options.map(function (option) {
            return ['option', {name: option.name, points: option.points}].concat(
              text('label', option.label), text('explanation', option.explanation));
          }));
      })));
  }

  function total(model) {
    var points = model.criteria.reduce(function (sum, criterion) {
      var levels = criterion.options.map(function (option) { return Number(option.points) || 0; });
      return sum + (levels.length ? Math.max.apply(null, levels) : 0);
    }, 0);
    return spoc.interpolate(gettext('Total: {points} points'), {points: spoc.formatNumber(points)});
  }

  var levels = {
    key: 'options',
    name: gettext('Level'),
    add: gettext('Add a level'),
    create: function (items) {
      return {name: spoc.newId(items, 'name', 'level'), label: '', points: items.length,
              explanation: ''};
    },
    group: {fields: [
      {key: 'label', label: gettext('Level label'), kind: 'text'},
      {key: 'points', label: gettext('Level points'), kind: 'number'},
      {key: 'explanation', label: gettext('Explanation'), kind: 'textarea'}
    ]}
  };
  /* A pasted ORA2 problem's settings go into their controls, to be checked and saved. */
  function fillSettings(values) {
    var form = spoc.root(element).querySelector('form[data-spoc-handler="studio_submit"]');
    Object.keys(values || {}).forEach(function (name) {
      var control = form && form.elements.namedItem(name);
      if (!control) { return; }
      if (control.type === 'checkbox') {
        control.checked = Boolean(values[name]);
      } else {
        control.value = values[name];
      }
    });
  }

  spoc.bindFormStudio(runtime, element, gettext('The workshop was not saved'), {
    xmlName: 'rubric_xml',
    answered: function (answer) { fillSettings(answer.fields); },
    toXml: toXml,
    total: total,
    group: {
      fields: [
        {key: 'overall_feedback', label: gettext('Overall comment'), kind: 'select',
         choices: comments},
        {key: 'overall_prompt', label: gettext('Overall comment prompt'), kind: 'textarea'},
        {key: 'overall_placeholder', label: gettext('Overall comment: text shown in the empty box'),
         kind: 'text'}
      ],
      lists: [{
        key: 'criteria',
        name: gettext('Criterion'),
        add: gettext('Add a criterion'),
        create: function (items) {
          return {name: spoc.newId(items, 'name', 'criterion'), label: '', prompt: '',
                  feedback: 'optional', options: []};
        },
        group: {
          fields: [
            {key: 'label', label: gettext('Criterion label'), kind: 'text'},
            {key: 'prompt', label: gettext('Prompt'), kind: 'textarea'},
            {key: 'feedback', label: gettext('Comment box'), kind: 'select', choices: comments}
          ],
          lists: [levels]
        }
      }]
    }
  });
}
