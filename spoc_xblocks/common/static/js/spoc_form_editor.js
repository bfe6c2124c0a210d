/* A Studio editor's Form tab: a block's content (a rubric, questions, competencies) as lists of
   fieldsets the author fills, adds to, removes from and reorders with buttons, in sync both ways
   with the XML of the Advanced tab. The block's `editor_model` handler reads the XML as a save
   or an import reads it (one reading, on the server) and answers {model, problems} (model null:
   the form cannot hold that content, which only the XML edits; and, for a
   pasted foreign format, `converted` and what else it brings, for `spec.answered`); the block's
   `toXml(model)` writes the model back. An edit in the form rewrites the XML at once; an edit of
   the XML redraws the form once the server has read it, and leaves it as it was when it cannot.

   The form is described, not coded: spec.group = {fields: [field], lists: [list]} where
     field = {key, label, kind: text|textarea|number|select|checkbox|custom,
              help: 'a hint' or help(item) -> 'a hint',
              toolbar: true (a textarea of HTML: Bold, Italic, List and Link buttons),
              choices: [[value, label]] or choices(item, model) -> [[value, label]],
              redraw: true (other parts depend on it; typed text renames them in place),
              shown(item) -> bool,
              changed(item, before, model) (after the author changed it),
              refuse(item, value, model) -> why `value` cannot be taken ('' to take it: else the
              model keeps its value and the sentence shows at the field),
              render(item, model, tools) -> element (kind custom: a control of the block's own,
              tools = {id, idOf(key), make, button, change(change, focusId)})}
     list  = {key, name: 'Criterion' (its item's name, numbered), add: 'Add a criterion',
              create(items, model, parent) -> a new item, shown(parent) -> bool,
              group: {fields, lists}}
   and, for a list, optionally:
     adds: [{label, create}] (several ways to add, each with its button, instead of add/create),
     removing(item, model) -> a warning to confirm before the item is removed ('' for none),
     detail: {label(item, model) -> text, title} (a master-detail list: the items as a list of
             buttons, the one picked edited beside it; `title` heads the list).
   spec.changed(), when given, is called each time the form rewrites the XML, spec.drawn() each
   time the form is drawn again; spec.history: true
   adds Undo and Redo buttons for the form's edits, also on Ctrl+Z (Cmd+Z), Ctrl+Shift+Z and Ctrl+Y
   outside text fields (in one, the browser's own undo of the text stays). */
window.SpocXBlocks.formEditor = function (view, runtime, element, spec) {
  'use strict';
  var spoc = window.SpocXBlocks;
  var gettext = spoc.gettext;
  var container = view.root;
  var editor = container.querySelector('[data-spoc-form-editor]');
  var fields = editor.querySelector('[data-spoc-form-fields]');
  var problems = editor.querySelector('[data-spoc-form-problems]');
  var total = editor.querySelector('[data-spoc-form-total]');
  var xml = container.querySelector('[name="' + spec.xmlName + '"]');
  var prefix = editor.id;
  var model = null;
  var checks = 0;
  var timer = null;
  var redrawWanted = false;
  var shownProblems = null;
  var refreshers = [];
  var past = [];  // the model before each edit, as JSON, for Undo (spec.history)
  var future = [];
  var lastEdited = null;
  var history = null;
  var HISTORY_LENGTH = 200;
  var picked = {};  // the item picked in each master-detail list, by the list's id
  var waiting = [];  // what was asked of the form before its first model came (whenLoaded)

  /* ---- reading and writing the model ------------------------------------------------------- */

  /* What keeps the content from being saved; `unreadable`: the XML, edited, cannot be read. */
  function showProblems(list, unreadable) {
    var said = String(unreadable) + list.join('\n');
    if (said === shownProblems) { return; }  // a status said again at each pause is noise
    shownProblems = said;
    problems.innerHTML = '';
    problems.hidden = !list.length;
    if (!list.length) { return; }
    var intro = document.createElement('p');
    intro.textContent = unreadable ?
      gettext('The XML cannot be read, so the form shows its last readable version:') :
      gettext('Before this can be saved:');
    problems.appendChild(intro);
    problems.appendChild(spoc.textList(list));
  }

  /* Ask the server to read the XML; `redraw` when the XML, not the form, was edited. Only the
     latest answer counts. */
  function check(redraw) {
    var order = checks += 1;
    var url = runtime.handlerUrl(element, spec.handler || 'editor_model');
    spoc.post(url, {xml: xml.value}).then(function (answer) {
      if (order !== checks) { return; }
      var asked = waiting;
      waiting = [];
      if (answer.model === null) {  // the form cannot hold this content: the XML tab only
        model = null;
        past = [];
        future = [];
        if (history) { showHistory(); }
        fields.innerHTML = '';
        showProblems(answer.problems || [], false);
        return;
      }
      if (redraw || !model) {
        if (model) { remember(null); }
        model = spec.load ? spec.load(answer.model) : answer.model;
        draw();
        /* A foreign format (an ORA2 rubric) is shown as it will be saved. */
        if (answer.converted) { xml.value = spec.toXml(model); }
        if (spec.answered) { spec.answered(answer); }
        spoc.apply(element, answer);
      }
      showProblems(answer.problems || [], false);
      asked.forEach(function (then) { then(); });
    }, function (error) {
      if (order !== checks) { return; }
      waiting = [];
      showProblems([error.message], redraw);
      if (!model) { fields.textContent = error.message; }
    });
  }

  /* Check once the person pauses; a redraw asked for by an XML edit is kept until then. */
  function later(redraw) {
    redrawWanted = redrawWanted || redraw;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      check(redrawWanted);
      redrawWanted = false;
    }, 350);
  }

  function formChanged() {
    xml.value = spec.toXml(model);
    showTotal();
    later(false);
    if (spec.changed) { spec.changed(); }
  }

  function showTotal() {
    if (total && spec.total) { total.textContent = spec.total(model); }
  }

  /* ---- undo and redo (spec.history) ------------------------------------------------------- */

  /* Keep the model as it is before an edit; typing on in the same field (`key`) is one edit. */
  function remember(key) {
    if (!history || !model || (key && key === lastEdited)) { return; }
    past.push(JSON.stringify(model));
    if (past.length > HISTORY_LENGTH) { past.shift(); }
    future = [];
    lastEdited = key;
    showHistory();
  }

  function showHistory() {
    history.undo.setAttribute('aria-disabled', String(!past.length));
    history.redo.setAttribute('aria-disabled', String(!future.length));
  }

  /* Go back (or forth) one edit; `focusId`: the control to focus again once redrawn. */
  function travel(from, to, said, focusId) {
    to.push(JSON.stringify(model));
    model = JSON.parse(from.pop());
    lastEdited = null;
    xml.value = spec.toXml(model);
    showTotal();
    later(false);
    if (spec.changed) { spec.changed(); }
    draw(focusId);
    showHistory();
    spoc.announce(container, said);
  }

  function undo(focusId) {
    if (past.length) { travel(past, future, gettext('The last edit was undone.'), focusId); }
  }

  function redo(focusId) {
    if (future.length) { travel(future, past, gettext('The edit was done again.'), focusId); }
  }

  var NOT_TEXT = ['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file',
                  'image'];

  /* Where the browser undoes typing itself: a text area, a text-like input, editable text. */
  function typesText(target) {
    if (target.isContentEditable || target.tagName === 'TEXTAREA') { return true; }
    return target.tagName === 'INPUT' && NOT_TEXT.indexOf(target.type) < 0;
  }

  /* Ctrl+Z (Cmd+Z) undoes, Ctrl+Shift+Z and Ctrl+Y redo, as the buttons do. */
  function historyKeys(event) {
    var key = (event.key || '').toLowerCase();
    var command = (event.ctrlKey || event.metaKey) && !event.altKey;
    if (!command || (key !== 'z' && key !== 'y') || !model || typesText(event.target)) {
      return;
    }
    event.preventDefault();
    var back = key === 'z' && !event.shiftKey;
    if (back) { undo(event.target.id); } else { redo(event.target.id); }
    /* The control pressed on may be gone with the edit: focus stays in the form. */
    if (!editor.contains(document.activeElement)) {
      (back ? history.undo : history.redo).focus();
    }
  }

  function drawHistory() {
    var bar = make('div', {class: 'spoc-form__actions spoc-form__history'});
    history = {
      undo: button(gettext('Undo'), prefix + '-undo', function () { undo(); }, true),
      redo: button(gettext('Redo'), prefix + '-redo', function () { redo(); }, true)
    };
    history.undo.setAttribute('aria-keyshortcuts', 'Control+Z Meta+Z');
    history.redo.setAttribute('aria-keyshortcuts', 'Control+Shift+Z Meta+Shift+Z Control+Y');
    editor.addEventListener('keydown', historyKeys);
    bar.appendChild(history.undo);
    bar.appendChild(history.redo);
    fields.parentNode.insertBefore(bar, fields);
  }

  /* ---- drawing ----------------------------------------------------------------------------- */

  function make(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function idOf(path, key) {
    return [prefix].concat(path, [key]).join('-');
  }

  function fieldControl(item, field, path) {
    var id = idOf(path, field.key);
    if (field.kind === 'custom') {
      return field.render(item, model, {
        id: id,
        idOf: function (key) { return idOf(path, key); },
        make: make,
        button: button,
        /* Change the item (`change()`), write the XML, redraw and focus `focusId`. */
        change: function (change, focusId) {
          remember(null);
          change();
          formChanged();
          draw(focusId);
        }
      });
    }
    var wrapper = make('div', {class: 'spoc-form__field spoc-form__field--' + field.kind});
    var label = make('label', {for: id}, field.label);
    var control;
    if (field.kind === 'textarea') {
      control = make('textarea', {rows: field.rows || 2});
    } else if (field.kind === 'select') {
      control = make('select');
      var fill = function () {
        var choices = typeof field.choices === 'function' ? field.choices(item, model) :
          field.choices;
        control.innerHTML = '';
        choices.forEach(function (choice) {
          control.appendChild(make('option', {value: choice[0]}, choice[1]));
        });
        control.value = item[field.key];
      };
      fill();
      if (typeof field.choices === 'function') { refreshers.push(fill); }
    } else {
      control = make('input', {type: field.kind === 'number' ? 'number' : field.kind});
      if (field.kind === 'number') { control.setAttribute('step', '1'); }
    }
    control.id = id;
    if (field.help) {
      control.setAttribute('aria-describedby', id + '-help');
    }
    var value = item[field.key];
    if (field.kind === 'checkbox') {
      control.checked = Boolean(value);
    } else {
      control.value = value === null || value === undefined ? '' : String(value);
    }
    var typed = field.kind === 'text' || field.kind === 'textarea' || field.kind === 'number';
    var refusal = field.refuse ? refusalNote(control) : null;
    control.addEventListener(typed ? 'input' : 'change', function () {
      var before = item[field.key];
      if (refusal && refused(control, refusal, field.refuse(item, control.value, model))) {
        return;
      }
      remember(typed ? id : null);
      if (field.kind === 'checkbox') {
        item[field.key] = control.checked;
      } else if (field.kind === 'number') {
        item[field.key] = control.value === '' ? '' : Number(control.value);
      } else {
        item[field.key] = control.value;
      }
      if (field.changed) { field.changed(item, before, model); }
      formChanged();
      /* Typed text renames what depends on it in place: a redraw would take the field away. */
      if (field.redraw) {
        if (typed) { refresh(); } else { draw(id); }
      }
    });
    if (field.kind === 'checkbox') {
      wrapper.appendChild(control);
      wrapper.appendChild(label);
    } else {
      wrapper.appendChild(label);
      wrapper.appendChild(control);
    }
    if (field.help) {
      var help = typeof field.help === 'function' ? field.help(item) : field.help;
      wrapper.appendChild(make('p', {class: 'spoc-muted', id: id + '-help'}, help));
    }
    if (field.toolbar) {
      wrapper.insertBefore(spoc.formattingButtons(control, field.label), control);
    }
    if (refusal) { wrapper.appendChild(refusal); }
    return wrapper;
  }

  /* Where a field says why what was typed is not taken (spec field.refuse). */
  function refusalNote(control) {
    var note = make('p', {class: 'spoc-alert', role: 'alert', id: control.id + '-refused'});
    note.hidden = true;
    return note;
  }

  /* Show `why` at the control (or clear it when empty); whether the value is refused. */
  function refused(control, note, why) {
    var described = (control.getAttribute('aria-describedby') || '').split(' ').filter(
      function (id) { return id && id !== note.id; });
    if (why) { described.push(note.id); }
    if (described.length) {
      control.setAttribute('aria-describedby', described.join(' '));
    } else {
      control.removeAttribute('aria-describedby');
    }
    if (why) {
      control.setAttribute('aria-invalid', 'true');
    } else {
      control.removeAttribute('aria-invalid');
    }
    if (note.textContent !== why) { note.textContent = why; }
    note.hidden = !why;
    return Boolean(why);
  }

  function named(list, number) {
    return spoc.interpolate(gettext('{name} {number}'), {name: list.name, number: number});
  }

  function button(text, id, action, disabled) {
    var node = make('button', {type: 'button', class: 'spoc-button spoc-button--secondary',
                                id: id}, text);
    if (disabled) { node.setAttribute('aria-disabled', 'true'); }
    node.addEventListener('click', function () {
      if (node.getAttribute('aria-disabled') !== 'true') { action(); }
    });
    return node;
  }

  /* Change a list, redraw, keep focus where the person acts and say what happened. */
  function act(items, change, focusId, said, remembered) {
    if (!remembered) { remember(null); }
    change(items);
    formChanged();
    draw(focusId);
    spoc.announce(container, said);
  }

  /* An item's Move up, Move down and Remove buttons. */
  function itemActions(items, list, index, listPath, title) {
    var itemPath = listPath.concat([index]);
    var actions = make('div', {class: 'spoc-form__actions'});
    [
      [gettext('Move up'), 'up', index === 0, -1],
      [gettext('Move down'), 'down', index === items.length - 1, 1]
    ].forEach(function (move) {
      var to = index + move[3];
      actions.appendChild(button(move[0], idOf(itemPath, move[1]), function () {
        if (list.detail) { picked[idOf(listPath, 'picked')] = to; }
        act(items, function () { items.splice(to, 0, items.splice(index, 1)[0]); },
            idOf(listPath.concat([to]), move[1]),
            spoc.interpolate(gettext('{item} moved to position {position}.'),
                             {item: title, position: to + 1}));
      }, move[2]));
    });
    actions.appendChild(button(gettext('Remove'), idOf(itemPath, 'remove'), function () {
      var warning = list.removing ? list.removing(items[index], model) : '';
      if (warning && !window.confirm(warning)) { return; }
      var next = list.detail ? idOf(listPath, 'add-0') :
        index < items.length - 1 ? idOf(itemPath, 'remove') :
          index > 0 ? idOf(listPath.concat([index - 1]), 'remove') : idOf(listPath, 'add-0');
      if (list.detail) { picked[idOf(listPath, 'picked')] = Math.max(0, index - 1); }
      act(items, function () { items.splice(index, 1); }, next,
          spoc.interpolate(gettext('{item} removed.'), {item: title}));
    }));
    return actions;
  }

  function itemTitle(list, item, index) {
    return list.detail ? list.detail.label(item, model) : named(list, index + 1);
  }

  function drawItem(items, list, index, listPath, into) {
    var itemPath = listPath.concat([index]);
    var title = itemTitle(list, items[index], index);
    var set = make('fieldset', {class: 'spoc-form__item', 'data-spoc-form-item': index});
    var legendId = idOf(itemPath, 'legend');
    set.appendChild(make('legend', {id: legendId}, title));
    drawGroup(items[index], list.group, itemPath, set);
    var actions = itemActions(items, list, index, listPath, title);
    Array.prototype.forEach.call(actions.children, function (control) {
      control.setAttribute('aria-describedby', legendId);
    });
    set.appendChild(actions);
    into.appendChild(set);
  }

  /* A list's add buttons, one per way to add an item. */
  function addButtons(parent, items, list, listPath, into) {
    var adds = list.adds || [{label: list.add, create: list.create}];
    var row = make('div', {class: 'spoc-form__actions'});
    adds.forEach(function (add, number) {
      row.appendChild(button(add.label, idOf(listPath, 'add-' + number), function () {
        var firstKey = list.group.fields[0].key;
        remember(null);  // creating may change the model too (a choice's new node)
        var item = add.create(items, model, parent);
        if (list.detail) { picked[idOf(listPath, 'picked')] = items.length; }
        act(items, function () { items.push(item); },
            idOf(listPath.concat([items.length]), firstKey),
            spoc.interpolate(gettext('{item} added.'),
                             {item: itemTitle(list, item, items.length)}), true);
      }));
    });
    into.appendChild(row);
  }

  /* A master-detail list: every item as a button in a list, the item picked edited beside it. */
  function drawDetailList(parent, list, path, into) {
    var items = parent[list.key] = parent[list.key] || [];
    var listPath = path.concat([list.key]);
    var key = idOf(listPath, 'picked');
    var chosen = Math.min(picked[key] || 0, items.length - 1);
    var wrapper = make('div', {class: 'spoc-form__detail'});
    var index = make('div', {class: 'spoc-form__index'});
    var headingId = idOf(listPath, 'heading');
    index.appendChild(make('h4', {id: headingId}, list.detail.title));
    var buttons = make('ul', {'aria-labelledby': headingId});
    items.forEach(function (item, number) {
      var entry = make('li');
      var pick = button(list.detail.label(item, model), idOf(listPath.concat([number]), 'pick'),
                        function () {
                          picked[key] = number;
                          draw(idOf(listPath.concat([number]), list.group.fields[0].key));
                        });
      pick.className += ' spoc-form__pick';
      refreshers.push(function () { pick.textContent = list.detail.label(item, model); });
      if (number === chosen) { pick.setAttribute('aria-current', 'true'); }
      entry.appendChild(pick);
      buttons.appendChild(entry);
    });
    index.appendChild(buttons);
    addButtons(parent, items, list, listPath, index);
    wrapper.appendChild(index);
    var panel = make('div', {class: 'spoc-form__panel'});
    if (chosen >= 0) { drawItem(items, list, chosen, listPath, panel); }
    wrapper.appendChild(panel);
    into.appendChild(wrapper);
  }

  function drawList(parent, list, path, into) {
    if (list.detail) {
      drawDetailList(parent, list, path, into);
      return;
    }
    var items = parent[list.key] = parent[list.key] || [];
    var listPath = path.concat([list.key]);
    var wrapper = make('div', {class: 'spoc-form__list'});
    items.forEach(function (item, index) { drawItem(items, list, index, listPath, wrapper); });
    addButtons(parent, items, list, listPath, wrapper);
    into.appendChild(wrapper);
  }

  function drawGroup(item, group, path, into) {
    (group.fields || []).forEach(function (field) {
      if (!field.shown || field.shown(item)) { into.appendChild(fieldControl(item, field, path)); }
    });
    (group.lists || []).forEach(function (list) {
      if (!list.shown || list.shown(item)) { drawList(item, list, path, into); }
    });
  }

  /* Rename, in place, what shows other parts' names (pickers' options, master-detail lists). */
  function refresh() {
    refreshers.forEach(function (again) { again(); });
  }

  function draw(focusId) {
    refreshers = [];
    fields.innerHTML = '';
    drawGroup(model, spec.group, [], fields);
    showTotal();
    if (spec.drawn) { spec.drawn(); }
    var focus = focusId && document.getElementById(focusId);
    if (focus) { focus.focus(); }
  }

  /* ---- the two tabs ------------------------------------------------------------------------ */

  var tabs = Array.prototype.slice.call(editor.querySelectorAll('[role="tab"]'));

  function select(tab, moveFocus) {
    tabs.forEach(function (other) {
      var chosen = other === tab;
      other.setAttribute('aria-selected', String(chosen));
      other.tabIndex = chosen ? 0 : -1;
      document.getElementById(other.getAttribute('aria-controls')).hidden = !chosen;
    });
    if (moveFocus) { tab.focus(); }
  }

  tabs.forEach(function (tab, index) {
    tab.addEventListener('click', function () { select(tab, false); });
    tab.addEventListener('keydown', function (event) {
      var step = {ArrowRight: 1, ArrowLeft: -1}[event.key];
      if (!step) { return; }
      event.preventDefault();
      select(tabs[(index + step + tabs.length) % tabs.length], true);
    });
  });

  xml.addEventListener('input', function () { later(true); });
  if (spec.history) { drawHistory(); }
  check(true);

  return {
    /* Show the Advanced tab (a refusal of the save about the XML is shown there). */
    showXml: function () { select(tabs[tabs.length - 1], false); },
    /* Show the Form tab with item `index` of the master-detail list at `path` (['nodes']) picked,
       and focus its control `focusPath` (['choices', 0, 'text']; its first field when empty). */
    show: function (path, index, focusPath) {
      select(tabs[0], false);
      picked[idOf(path, 'picked')] = index;
      var whole = path.concat([index], focusPath);
      draw(idOf(whole.slice(0, -1), whole[whole.length - 1]));
    },
    model: function () { return model; },
    /* Run `then` once the form holds a model: at once, or when the server's first reading comes
       (a click on a problem before then opens its place). Dropped if the form cannot hold it. */
    whenLoaded: function (then) {
      if (model) { then(); } else { waiting.push(then); }
    },
    /* The id of control `key` of the item at `path` (['nodes', 2, 'choices', 0]). */
    idOf: idOf,
    view: view
  };
};

/* A Studio editor (bindStudio) whose content has a Form tab (formEditor): a refusal of the save
   about the content's XML shows in the Advanced tab, next to the XML. */
window.SpocXBlocks.bindFormStudio = function (runtime, element, failureTitle, spec) {
  'use strict';
  var editor;
  var view = window.SpocXBlocks.bindStudio(runtime, element, failureTitle, {
    failed: function (error) {
      if (error.field === spec.xmlName) { editor.showXml(); }
      return false;
    }
  });
  editor = window.SpocXBlocks.formEditor(view, runtime, element, spec);
  return editor;
};
