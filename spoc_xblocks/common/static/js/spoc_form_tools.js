/* What the Studio editors' Form tabs (spoc_form_editor.js) build with: the XML text of a
   model, a new item's id, a textarea's formatting buttons. */
/* XML text from nested arrays: ['tag', {attribute: value}, child, ...] where a child is a string
   (the element's text; CDATA when `cdata` is set on the attributes as {'': 'cdata'}) or another
   array; an element with no attributes may skip the object. Indented by two spaces, as the
   server writes it. */
window.SpocXBlocks.xmlText = function (node, depth) {
  'use strict';
  depth = depth || 0;
  function escape(text, quote) {
    var escaped = String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;')
      .replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
    /* as lxml writes them: an attribute keeps its line breaks and tabs only as references */
    return quote ? escaped.replace(/"/g, '&quot;').replace(/\n/g, '&#10;')
      .replace(/\t/g, '&#9;') : escaped;
  }
  var tag = node[0];
  var rest = node.slice(1);
  var attributes = rest.length && !Array.isArray(rest[0]) && typeof rest[0] === 'object' ?
    rest.shift() : {};
  var cdata = attributes[''] === 'cdata';
  var open = '<' + tag + Object.keys(attributes).filter(Boolean).map(function (name) {
    return ' ' + name + '="' + escape(attributes[name], true) + '"';
  }).join('');
  var indent = new Array(depth + 1).join('  ');
  if (!rest.length) { return indent + open + '/>\n'; }
  if (typeof rest[0] === 'string') {
    var text = cdata ? '<![CDATA[' + rest[0].split(']]>').join(']]]]><![CDATA[>') + ']]>' :
      escape(rest[0]);
    return indent + open + '>' + text + '</' + tag + '>\n';
  }
  return indent + open + '>\n' + rest.map(function (child) {
    return window.SpocXBlocks.xmlText(child, depth + 1);
  }).join('') + indent + '</' + tag + '>\n';
};

/* A new item's id, never shown in the form and never changed after: `stem` and the smallest
   number that no item of the list has under `key` ("question-4"). */
window.SpocXBlocks.newId = function (items, key, stem) {
  'use strict';
  var taken = items.map(function (item) { return item[key]; });
  var number = 1;
  while (taken.indexOf(stem + '-' + number) >= 0) { number += 1; }
  return stem + '-' + number;
};

/* A textarea's formatting buttons (a form field's `toolbar`): Bold, Italic, List and Link put
   HTML tags around the selected text, which the block sanitises when it shows it. `label` is the
   textarea's. */
window.SpocXBlocks.formattingButtons = function (control, label) {
  'use strict';
  var spoc = window.SpocXBlocks;
  var gettext = spoc.gettext;
  var formats = [
    [gettext('Bold'), function (text) { return '<strong>' + text + '</strong>'; }],
    [gettext('Italic'), function (text) { return '<em>' + text + '</em>'; }],
    [gettext('List'), function (text) {
      return '<ul>\n' + text.split('\n').filter(function (line) { return line.trim(); })
        .map(function (line) { return '  <li>' + line.trim() + '</li>\n'; }).join('') + '</ul>';
    }],
    [gettext('Link'), function (text) {
      var address = window.prompt(gettext('Address of the link (https://…)'), 'https://');
      if (!address) { return null; }
      return '<a href="' + address.replace(/&/g, '&amp;').replace(/"/g, '&quot;') + '">' +
        text + '</a>';
    }]
  ];
  var bar = document.createElement('div');
  bar.className = 'spoc-form__formatting';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', spoc.interpolate(gettext('Formatting of {field}'),
                                                  {field: label}));
  formats.forEach(function (format) {
    var node = document.createElement('button');
    node.type = 'button';
    node.className = 'spoc-button spoc-button--secondary';
    node.textContent = format[0];
    node.addEventListener('click', function () {
      var start = control.selectionStart;
      var end = control.selectionEnd;
      var made = format[1](control.value.slice(start, end));
      if (made === null) { return; }
      control.value = control.value.slice(0, start) + made + control.value.slice(end);
      control.focus();
      control.setSelectionRange(start, start + made.length);
      control.dispatchEvent(new Event('input'));
    });
    bar.appendChild(node);
  });
  return bar;
};
