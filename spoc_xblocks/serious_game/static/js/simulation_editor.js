/* A scenario's software simulation in the scenario editor's form (scenario_editor.js): a node's
   screen with its hotspots drawn on the screenshot (hotspot_editor.js), its input with the
   answers it accepts and its miss; a choice's place as a hotspot; and their part of the XML, as
   the server writes it (olx.py). `shared`: {screenUrls (the address of each picture shipped
   with the block, by name), newChoice(items), pointsGroup (the fields of points), and the XML
   writer's set, numberSet, textElement and pointsXml}. */
window.SpocXBlocks.simulationEditor = function (shared) {
  'use strict';
  var spoc = window.SpocXBlocks;
  var gettext = spoc.gettext;
  var screenUrls = shared.screenUrls;
  var newChoice = shared.newChoice;
  var pointsGroup = shared.pointsGroup;
  var set = shared.set;
  var numberSet = shared.numberSet;
  var textElement = shared.textElement;
  var pointsXml = shared.pointsXml;
  var AREA_KEYS = ['x', 'y', 'width', 'height'];

  /* A simulation's screen, input and miss, between the node's media and its choices. */
  function simulationXml(node) {
    var parts = [];
    if (node.screen) {
      parts.push(['screen', set(set({src: node.screen_src}, 'alt', node.screen_alt),
                                'overlap', node.screen_overlap ? 'true' : '')]);
    }
    if (node.input) {
      parts.push(['input', {label: node.input_label}].concat(node.answers.map(function (answer) {
        var attributes = set({}, 'choice', answer.choice);
        attributes.match = answer.match;
        attributes.value = answer.value;
        numberSet(attributes, 'tolerance', answer.tolerance);
        return ['answer', attributes].concat(textElement('feedback', answer.feedback, true));
      })));
    }
    if (node.miss_feedback || node.miss_hint || Number(node.miss_hint_after) !== 0 ||
        node.miss_penalty.length) {
      parts.push(['miss', numberSet({}, 'hint-after', node.miss_hint_after)].concat(
        textElement('feedback', node.miss_feedback, true),
        textElement('hint', node.miss_hint, true),
        node.miss_penalty.map(pointsXml)));
    }
    return parts;
  }

  /* A choice's element: a hotspot, with its area, or a plain choice. */
  function choiceTag(choice, attributes) {
    if (!choice.hotspot) { return 'choice'; }
    AREA_KEYS.forEach(function (key) { attributes[key] = choice[key]; });
    return 'hotspot';
  }

  /* The simulation's keys of a new node and of a new choice: none of its parts yet. */
  function newNodeKeys() {
    return {screen: false, screen_src: '', screen_alt: '', screen_overlap: false, input: false,
            input_label: '', answers: [], miss_feedback: '', miss_hint: '', miss_hint_after: '0',
            miss_penalty: []};
  }

  function newChoiceKeys() {
    return {hotspot: false, x: '0', y: '0', width: '0', height: '0'};
  }

  /* A screenshot's address as the learner's view shows it: `package:<name>` is the block's. */
  function imageUrl(src) {
    var name = /^package:([A-Za-z0-9_.-]+)$/.exec(src || '');
    if (name) {
      return Object.prototype.hasOwnProperty.call(screenUrls, name[1]) ? screenUrls[name[1]] : '';
    }
    return /^(https?:\/\/|\/)/.test(src || '') ? src : '';
  }

  var hotspots = spoc.hotspotEditor ? spoc.hotspotEditor(newChoice) : null;

  function isScreen(node) { return Boolean(node.screen); }
  function canMiss(node) { return Boolean(node.screen || node.input); }

  /* The choices of the node holding `answer`, for the choice a typed answer takes. */
  function answerChoices(answer, model) {
    var node = model.nodes.filter(function (each) {
      return each.answers.indexOf(answer) >= 0;
    })[0];
    var choices = [['', gettext('None: a known wrong answer')]].concat(
      (node ? node.choices : []).map(function (choice, index) {
        return [choice.id, choice.text || spoc.interpolate(gettext('Choice {number}'),
                                                           {number: index + 1})];
      }));
    var known = choices.some(function (pair) { return pair[0] === answer.choice; });
    if (!known) { choices.push([answer.choice, answer.choice]); }
    return choices;
  }

  /* The picture's screenshot follows its address as it is typed. */
  function screenMoved(node) {
    Array.prototype.forEach.call(document.querySelectorAll('[data-spoc-screen-of]'),
                                 function (image) {
      if (image.getAttribute('data-spoc-screen-of') === node.id) {
        image.src = imageUrl(node.screen_src);
        image.alt = node.screen_alt;
      }
    });
  }

  var answers = {
    key: 'answers',
    name: gettext('Accepted answer'),
    add: gettext('Add an answer'),
    shown: function (node) { return Boolean(node.input); },
    create: function () {
      return {match: 'loose', value: '', choice: '', tolerance: '0', feedback: ''};
    },
    group: {fields: [
      {key: 'match', label: gettext('How it matches'), kind: 'select',
       choices: [['exact', gettext('Exactly')], ['loose', gettext('Case and spaces ignored')],
                 ['number', gettext('A number, within the tolerance')],
                 ['pattern', gettext('A pattern (* any text, ? one character, # a digit)')]]},
      {key: 'value', label: gettext('Answer'), kind: 'text'},
      {key: 'tolerance', label: gettext('Tolerance (for a number)'), kind: 'text'},
      {key: 'choice', label: gettext('Takes the choice'), kind: 'select',
       choices: answerChoices},
      {key: 'feedback', label: gettext('Feedback (HTML), for a wrong answer'),
       kind: 'textarea'}
    ]}
  };

  var missPenalty = {
    key: 'miss_penalty',
    name: gettext('Penalty of a miss'),
    add: gettext('Add a penalty'),
    shown: canMiss,
    create: function () { return {competency: '', value: '-1'}; },
    group: pointsGroup
  };

  return {
    nodeXml: simulationXml,
    choiceTag: choiceTag,
    newNodeKeys: newNodeKeys,
    newChoiceKeys: newChoiceKeys,
    /* After a node's media fields, and its lists before its choices. */
    nodeFields: [
      {key: 'screen', label: gettext('A screen of the simulated software (its hotspots are ' +
                                     'choices)'), kind: 'checkbox', redraw: true,
       shown: function (node) { return node.kind === 'decision' || isScreen(node); }},
      {key: 'screen_src', label: gettext('Screenshot address'), kind: 'text', shown: isScreen,
       changed: screenMoved,
       help: gettext('A course file (/static/…), a web address, or package:<name> for a ' +
                     'picture shipped with the block.')},
      {key: 'screen_alt', label: gettext('Screenshot description'), kind: 'text',
       shown: isScreen, changed: screenMoved},
      {key: 'screen_overlap', label: gettext('Hotspots may overlap (a click in both takes ' +
                                             'the first)'), kind: 'checkbox', shown: isScreen},
      {key: 'hotspots', kind: 'custom', shown: function (node) {
        return isScreen(node) && Boolean(hotspots);
      }, render: function (node, model, tools) {
        return hotspots.picture(node, model, tools, imageUrl);
      }},
      {key: 'input', label: gettext('Learners type into a field of the software'),
       kind: 'checkbox', redraw: true,
       shown: function (node) { return node.kind === 'decision' || Boolean(node.input); }},
      {key: 'input_label', label: gettext('The field’s label'), kind: 'text',
       shown: function (node) { return Boolean(node.input); }},
      {key: 'miss_feedback', label: gettext('Feedback after a miss (HTML)'), kind: 'textarea',
       shown: canMiss},
      {key: 'miss_hint', label: gettext('Hint (HTML)'), kind: 'textarea', shown: canMiss},
      {key: 'miss_hint_after', label: gettext('Show the hint after this many misses in a row ' +
                                              '(0: never)'), kind: 'text', shown: canMiss}
    ],
    nodeLists: [answers, missPenalty],
    /* After a choice's own fields. */
    choiceFields: [
      {key: 'hotspot', label: gettext('A hotspot on the screenshot'), kind: 'checkbox',
       redraw: true, changed: function (choice) { hotspots.madeHotspot(choice); },
       shown: function () { return Boolean(hotspots); }},
      {key: 'area', kind: 'custom', shown: function (choice) { return choice.hotspot; },
       render: function (choice, model, tools) {
         return hotspots.areaFields(choice, model, tools);
       }}
    ]
  };
};
