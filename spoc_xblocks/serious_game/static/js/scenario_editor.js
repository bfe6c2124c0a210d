/* The serious game's scenario editor: the Form tab's description (spoc_form_editor.js) of a
   scenario's model (logic/editor_model.py) and its writing as the XML the server writes. Nodes are
   a master-detail list: the list of nodes beside the picked node's panel. A node kind is a name in
   NODE_KINDS, its fields `shown` for it, and its part of the XML in nodeXml. A software
   simulation's fields and XML (screens, hotspots, inputs, misses) are simulation_editor.js's. */
window.SpocXBlocks.scenarioEditorSpec = function (options) {
  'use strict';
  var spoc = window.SpocXBlocks;
  var gettext = spoc.gettext;
  var xml = spoc.xmlText;

  var NODE_KINDS = [
    ['content', gettext('Content (text and one way on)')],
    ['decision', gettext('Decision (two choices or more)')],
    ['ending', gettext('Ending')]
  ];
  var KIND_NAMES = {content: gettext('content'), decision: gettext('decision'),
                    ending: gettext('ending')};

  /* ---- the XML, written as the server writes it (olx.py) ------------------------------------ */

  function set(attributes, name, value) {
    if (value) { attributes[name] = value; }
    return attributes;
  }

  function numberSet(attributes, name, value) {
    return set(attributes, name, value !== '' && Number(value) !== 0 ? value : '');
  }

  /* Whitespace as Python's str.strip() sees it (JavaScript's trim() differs on \x85 and
     \ufeff). */
  var EDGE_SPACE = new RegExp('^[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028' +
                              '\u2029\u202f\u205f\u3000]|[\t-\r\x1c-\x20\x85\xa0' +
                              '\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$');

  /* An element holding text, left out when empty; CDATA when the text holds markup. */
  function textElement(tag, text, cdata) {
    if (!text) { return []; }
    var attributes = {};
    if (EDGE_SPACE.test(text)) { attributes['xml:space'] = 'preserve'; }
    if (cdata && /[<&]/.test(text) && text.indexOf(']]>') < 0 && text.indexOf('\r') < 0) {
      attributes[''] = 'cdata';
    }
    return [[tag, attributes, text]];
  }

  function pointsXml(points) {
    return ['points', {competency: points.competency, value: points.value}];
  }

  function choiceXml(choice) {
    var attributes = {id: choice.id, target: choice.target};
    var tag = simulation.choiceTag(choice, attributes);
    set(attributes, 'once', choice.once ? 'true' : '');
    set(attributes, 'if', choice.condition);
    set(attributes, 'when-false', choice.when_false === 'hide' ? '' : choice.when_false);
    return [tag, attributes].concat(
      textElement('text', choice.text, false),
      textElement('feedback', choice.feedback, true),
      choice.effects.map(function (effect) {
        return ['effect', {var: effect.variable, op: effect.op, value: effect.value}];
      }),
      choice.points.map(pointsXml));
  }

  function nodeXml(node) {
    var attributes = {id: node.id, kind: node.kind};
    set(attributes, 'title', node.title);
    set(attributes, 'outcome', node.outcome === 'success' ? '' : node.outcome);
    numberSet(attributes, 'score', node.score);
    numberSet(attributes, 'path-minimum', node.path_minimum);
    var media = [];
    if (node.image_src || node.image_alt) {
      media.push(['image', set(set({}, 'src', node.image_src), 'alt', node.image_alt)]);
    }
    if (node.video_src || node.transcript) {
      media.push(['video', set(set({}, 'src', node.video_src), 'transcript', node.transcript)]);
    }
    return ['node', attributes].concat(textElement('body', node.body, true), media,
                                       simulation.nodeXml(node), node.choices.map(choiceXml));
  }

  function toXml(model) {
    var attributes = {start: model.start};
    set(attributes, 'shuffle', model.shuffle ? 'true' : '');
    set(attributes, 'title', model.title);
    set(attributes, 'scoring', model.scoring === 'every-time' ? '' : model.scoring);
    set(attributes, 'simulation', model.simulation === 'guided' ? '' : model.simulation);
    return xml(['scenario', attributes].concat(
      model.competencies.map(function (competency) {
        return ['competency', set({id: competency.id}, 'label', competency.label)];
      }),
      model.variables.map(function (variable) {
        return ['variable', {name: variable.name, initial: variable.initial}];
      }),
      model.nodes.map(nodeXml)));
  }

  /* ---- names the author sees ---------------------------------------------------------------- */

  function nodeName(node) {
    return node.title || spoc.interpolate(gettext('Untitled node {id}'), {id: node.id});
  }

  function nodeLabel(node, model) {
    var said = spoc.interpolate(gettext('{title} ({kind})'),
                                {title: nodeName(node), kind: KIND_NAMES[node.kind] || node.kind});
    return model && model.start === node.id ?
      spoc.interpolate(gettext('{node}, start'), {node: said}) : said;
  }

  /* The nodes as a picker's options; a target that names no node stays shown as it is. */
  function nodeChoices(current, model, empty) {
    var choices = [['', empty]].concat(model.nodes.map(function (node) {
      return [node.id, nodeLabel(node)];
    }));
    var known = model.nodes.some(function (node) { return node.id === current; });
    if (current && !known) {
      choices.push([current, spoc.interpolate(gettext('{id} (no such node)'), {id: current})]);
    }
    return choices;
  }

  function namedChoices(items, key, label, current) {
    var choices = [['', gettext('Choose…')]].concat(items.map(function (item) {
      return [item[key], item[label] || item[key]];
    }));
    var known = items.some(function (item) { return item[key] === current; });
    if (current && !known) {
      choices.push([current, spoc.interpolate(gettext('{id} (not declared)'), {id: current})]);
    }
    return choices;
  }

  /* The start and the choices that lead to `node`, which its removal leaves without a target. */
  function removingNode(node, model) {
    var from = [];
    model.nodes.forEach(function (other) {
      other.choices.forEach(function (choice, index) {
        if (choice.target === node.id && other !== node) {
          from.push(spoc.interpolate(gettext('choice {number} of “{node}”'),
                                     {number: index + 1, node: nodeName(other)}));
        }
      });
    });
    if (model.start === node.id) { from.unshift(gettext('the start of the scenario')); }
    if (!from.length) { return ''; }
    return spoc.interpolate(
      gettext('Delete “{node}”? These lead to it and will need another node: {list}.'),
      {node: nodeName(node), list: from.join(', ')});
  }

  var VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

  /* A condition's parts outside its quoted texts (visited("a node")), each changed by `change`. */
  function outsideQuotes(condition, change) {
    return condition.split(/("[^"]*"|'[^']*')/).map(function (part, i) {
      return i % 2 ? part : change(part);
    }).join('');
  }

  function ngettext(one, many, count) {
    var catalog = window.SpocI18N;
    return catalog && catalog.ngettext ? catalog.ngettext(one, many, count) :
      (count === 1 ? one : many);
  }

  /* How many choices, in how many nodes, use `variable` in a condition or an effect: removing it
     leaves them naming a variable that does not exist. */
  function removingVariable(variable, model) {
    if (!VARIABLE_NAME.test(variable.name)) { return ''; }
    var word = new RegExp('\\b' + variable.name + '\\b');
    var choiceCount = 0;
    var nodeCount = 0;
    model.nodes.forEach(function (node) {
      var using = node.choices.filter(function (choice) {
        var named = choice.effects.some(function (effect) {
          return effect.variable === variable.name;
        });
        var tested = false;
        outsideQuotes(choice.condition, function (part) {
          tested = tested || word.test(part);
          return part;
        });
        return named || tested;
      }).length;
      choiceCount += using;
      nodeCount += using ? 1 : 0;
    });
    if (!choiceCount) { return ''; }
    return spoc.interpolate(gettext(
      'Remove the variable “{name}”? It is used by {choices} in {nodes}, in a condition or an ' +
      'effect, which will then name a variable that does not exist.'), {
      name: variable.name,
      choices: spoc.interpolate(ngettext('{count} choice', '{count} choices', choiceCount),
                                {count: choiceCount}),
      nodes: spoc.interpolate(ngettext('{count} node', '{count} nodes', nodeCount),
                              {count: nodeCount})
    });
  }

  /* A name another item of `items` already has is refused: the two would become one. `anyCase`:
     names differing only by case are the same (a competency's, unlike a variable's). */
  function takenName(items, key, said, anyCase) {
    function same(name) { return anyCase ? name.trim().toLowerCase() : name.trim(); }
    return function (item, value, model) {
      var wanted = same(value);
      var taken = wanted && model[items].some(function (other) {
        return other !== item && same(String(other[key])) === wanted;
      });
      return taken ? spoc.interpolate(said, {name: value.trim()}) : '';
    };
  }

  /* A variable renamed is renamed where it is used: effects, and conditions outside their quoted
     texts (visited("a node")). */
  function renameVariable(variable, before, model) {
    var name = VARIABLE_NAME;
    var from = variable.followed || before;  // the last usable name, while the field is emptied
    if (!name.test(variable.name)) {
      variable.followed = name.test(from) ? from : '';
      return;
    }
    variable.followed = '';
    if (!name.test(from) || from === variable.name) { return; }
    var word = new RegExp('\\b' + from + '\\b', 'g');
    model.nodes.forEach(function (node) {
      node.choices.forEach(function (choice) {
        choice.effects.forEach(function (effect) {
          if (effect.variable === from) { effect.variable = variable.name; }
        });
        choice.condition = outsideQuotes(choice.condition, function (part) {
          return part.replace(word, variable.name);
        });
      });
    });
  }

  /* ---- new items ---------------------------------------------------------------------------- */

  function newNode(kind, model) {
    var node = Object.assign({
      id: spoc.newId(model.nodes, 'id', 'node'), kind: kind, title: '', body: '', image_src: '',
      image_alt: '', video_src: '', transcript: '', outcome: 'success', score: '0',
      path_minimum: '0', choices: []
    }, simulation.newNodeKeys());
    if (!model.start) { model.start = node.id; }
    return node;
  }

  function newChoice(items, target) {
    return Object.assign({id: spoc.newId(items, 'id', 'choice'), target: target || '', text: '',
                          feedback: '', condition: '', when_false: 'hide', once: false,
                          effects: [], points: []}, simulation.newChoiceKeys());
  }

  /* ---- the condition builder -------------------------------------------------------------- */

  var COMPARISONS = [['>=', gettext('is at least')], ['>', gettext('is more than')],
                     ['==', gettext('equals')], ['!=', gettext('differs from')],
                     ['<=', gettext('is at most')], ['<', gettext('is less than')]];

  /* The common conditions built from pickers (a variable compared with a value, a node visited),
     added to the choice's condition with "and"; the rest is typed in the condition itself. */
  function conditionBuilder(choice, model, tools) {
    var make = tools.make;
    var details = make('details', {class: 'spoc-form__builder'});
    details.appendChild(make('summary', {}, gettext('Build a condition')));
    var group = make('fieldset');
    group.appendChild(make('legend', {}, gettext('A test added to the condition')));
    details.appendChild(group);
    function control(key, label, element) {
      var wrapper = make('div', {class: 'spoc-form__field'});
      element.id = tools.idOf('builder-' + key);
      wrapper.appendChild(make('label', {for: element.id}, label));
      wrapper.appendChild(element);
      group.appendChild(wrapper);
      return element;
    }
    function options(select, pairs) {
      pairs.forEach(function (pair) {
        select.appendChild(make('option', {value: pair[0]}, pair[1]));
      });
      return select;
    }
    var subject = control('subject', gettext('Test'), options(make('select'), [].concat(
      model.variables.filter(function (variable) { return variable.name; }).map(
        function (variable) {
          return ['variable:' + variable.name,
                  spoc.interpolate(gettext('Variable {name}'), {name: variable.name})];
        }),
      model.nodes.map(function (node) {
        return ['visited:' + node.id,
                spoc.interpolate(gettext('The learner has visited “{node}”'),
                                 {node: nodeName(node)})];
      }))));
    var comparison = control('comparison', gettext('Comparison (for a variable)'),
                             options(make('select'), COMPARISONS));
    var value = control('value', gettext('Value (for a variable)'), make('input', {type: 'text'}));
    value.value = '1';
    group.appendChild(tools.button(gettext('Add to the condition'), tools.idOf('builder-add'),
                                 function () {
      var picked = subject.value.split(':');
      if (!picked[1]) { return; }
      var test = picked[0] === 'visited' ? 'visited("' + picked.slice(1).join(':') + '")' :
        picked[1] + ' ' + comparison.value + ' ' + (value.value.trim() || '0');
      tools.change(function () {
        choice.condition = choice.condition.trim() ? choice.condition.trim() + ' and ' + test :
          test;
      }, tools.idOf('condition'));
    }));
    return details;
  }

  /* ---- the form ----------------------------------------------------------------------------- */

  function exceptFor(kind) {
    return function (node) { return node.kind !== kind; };
  }

  function onlyFor(kind) {
    return function (node) { return node.kind === kind; };
  }

  var effects = {
    key: 'effects',
    name: gettext('Effect'),
    add: gettext('Add an effect'),
    create: function () { return {variable: '', op: 'add', value: '1'}; },
    group: {fields: [
      {key: 'variable', label: gettext('Variable'), kind: 'select',
       choices: function (effect, model) {
         return namedChoices(model.variables, 'name', 'name', effect.variable);
       }},
      {key: 'op', label: gettext('Change'), kind: 'select',
       choices: [['add', gettext('Add')], ['set', gettext('Set to')]]},
      {key: 'value', label: gettext('Value (a number, true or false)'), kind: 'text'}
    ]}
  };

  var points = {
    key: 'points',
    name: gettext('Points'),
    add: gettext('Add points'),
    create: function () { return {competency: '', value: '1'}; },
    group: {fields: [
      {key: 'competency', label: gettext('Competency'), kind: 'select',
       choices: function (item, model) {
         return namedChoices(model.competencies, 'id', 'label', item.competency);
       }},
      {key: 'value', label: gettext('Points (a number)'), kind: 'text'}
    ]}
  };

  var simulation = spoc.simulationEditor({
    screenUrls: (options || {}).screenUrls || {}, newChoice: newChoice, pointsGroup: points.group,
    set: set, numberSet: numberSet, textElement: textElement, pointsXml: pointsXml
  });

  var choices = {
    key: 'choices',
    name: gettext('Choice'),
    shown: function (node) { return node.kind !== 'ending' || node.choices.length > 0; },
    adds: [
      {label: gettext('Add a choice'), create: function (items) { return newChoice(items); }},
      {label: gettext('Add a choice leading to a new node'),
       create: function (items, model) {
         var node = newNode('decision', model);
         model.nodes.push(node);
         return newChoice(items, node.id);
       }}
    ],
    group: {
      fields: [
        {key: 'text', label: gettext('Choice text'), kind: 'textarea'},
        {key: 'target', label: gettext('Leads to'), kind: 'select',
         choices: function (choice, model) {
           return nodeChoices(choice.target, model, gettext('Choose a node…'));
         }},
        {key: 'feedback', label: gettext('Feedback (HTML)'), kind: 'textarea', toolbar: true},
        {key: 'condition', label: gettext('Condition'), kind: 'text',
         help: gettext('Leave empty to always offer the choice. For example: trust >= 1, ' +
                       'not identity_verified, visited("node-2").')},
        {key: 'builder', kind: 'custom', render: conditionBuilder},
        {key: 'when_false', label: gettext('When the condition is false'), kind: 'select',
         choices: [['hide', gettext('Hide the choice')],
                   ['disable', gettext('Show it, unavailable')]]},
        {key: 'once', label: gettext('Can be taken only once'), kind: 'checkbox'}
      ].concat(simulation.choiceFields),
      lists: [effects, points]
    }
  };

  var nodes = {
    key: 'nodes',
    name: gettext('Node'),
    detail: {label: nodeLabel, title: gettext('Nodes')},
    adds: NODE_KINDS.map(function (kind) {
      return {
        label: {content: gettext('Add a content node'), decision: gettext('Add a decision node'),
                ending: gettext('Add an ending')}[kind[0]],
        create: function (items, model) { return newNode(kind[0], model); }
      };
    }),
    removing: removingNode,
    group: {
      fields: [
        {key: 'title', label: gettext('Node title'), kind: 'text', redraw: true,
         help: function (node) {
           return spoc.interpolate(gettext('Its id, for conditions: {id}, as in visited("{id}").'),
                                   {id: node.id});
         }},
        {key: 'kind', label: gettext('Kind of node'), kind: 'select', redraw: true,
         choices: NODE_KINDS},
        {key: 'body', label: gettext('Text (HTML)'), kind: 'textarea', rows: 5, toolbar: true},
        {key: 'outcome', label: gettext('Outcome'), kind: 'select', shown: onlyFor('ending'),
         choices: [['success', gettext('Success')], ['partial', gettext('Partial success')],
                   ['failure', gettext('Failure')]]},
        {key: 'score', label: gettext('Score when graded by ending (0 to 100)'), kind: 'text',
         shown: onlyFor('ending')},
        {key: 'path_minimum', label: gettext('Lowest score of a path ending here (0 to 100)'),
         kind: 'text', shown: onlyFor('ending')},
        {key: 'image_src', label: gettext('Image address'), kind: 'text',
         shown: exceptFor('ending')},
        {key: 'image_alt', label: gettext('Image description'), kind: 'text',
         shown: exceptFor('ending')}
      ].concat(simulation.nodeFields),
      lists: simulation.nodeLists.concat([choices])
    }
  };

  var variables = {
    key: 'variables',
    name: gettext('Variable'),
    add: gettext('Add a variable'),
    create: function () { return {name: '', initial: '0'}; },
    removing: removingVariable,
    group: {fields: [
      {key: 'name', label: gettext('Variable name'), kind: 'text', changed: renameVariable,
       redraw: true,
       refuse: takenName('variables', 'name', gettext(
         'Another variable is already named “{name}”: give this one another name.')),
       help: gettext('Letters, digits and _; renaming it renames it in every effect and ' +
                     'condition.')},
      {key: 'initial', label: gettext('Starting value (a number, true or false)'), kind: 'text'}
    ]}
  };

  var competencies = {
    key: 'competencies',
    name: gettext('Competency'),
    add: gettext('Add a competency'),
    create: function (items) { return {id: spoc.newId(items, 'id', 'competency'), label: ''}; },
    group: {fields: [{key: 'label', label: gettext('Competency name'), kind: 'text',
                      redraw: true,
                      refuse: takenName('competencies', 'label', gettext(
                        'Another competency is already named “{name}”: give this one another ' +
                        'name.'), true)}]}
  };

  return {
    xmlName: 'scenario_xml',
    history: true,
    toXml: toXml,
    group: {
      fields: [
        {key: 'title', label: gettext('Scenario title'), kind: 'text'},
        {key: 'simulation', label: gettext('Screens and typed answers'), kind: 'select',
         choices: [['guided', gettext('Guided: feedback and hints after a miss, retries')],
                   ['assessed', gettext('Assessed: only the first action on a screen counts')]]},
        {key: 'start', label: gettext('Start node'), kind: 'select', redraw: true,
         choices: function (model) {
           return nodeChoices(model.start, model, gettext('Choose the start…'));
         }}
      ],
      lists: [competencies, variables, nodes]
    }
  };
};
