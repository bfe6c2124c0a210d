/* A screen node's hotspots drawn on its screenshot, for the scenario editor's form
   (simulation_editor.js): drag on the picture to draw a hotspot (a new choice with that area), drag
   a hotspot to move it, drag its corner to resize it; with the keyboard, a focused hotspot moves
   with the arrow keys (Shift: bigger steps) and its X, Y, width and height are number fields in
   percent. Areas are fractions of the picture (0..1), rounded to a thousandth. */
window.SpocXBlocks.hotspotEditor = function (newChoice) {
  'use strict';
  var spoc = window.SpocXBlocks;
  var gettext = spoc.gettext;
  var AREA_KEYS = ['x', 'y', 'width', 'height'];
  var SMALLEST = 0.01;  // a drawn rectangle smaller than this is a slip, not a hotspot
  var STEP = 0.01;
  var BIG_STEP = 0.05;
  var CORNER = 12;  // pixels: a press this close to a hotspot's bottom right corner resizes it

  function rounded(fraction) {
    return Math.round(Math.min(1, Math.max(0, fraction)) * 1000) / 1000;
  }

  function areaOf(choice) {
    var area = {};
    AREA_KEYS.forEach(function (key) { area[key] = Number(choice[key]) || 0; });
    return area;
  }

  /* The area kept inside the picture: its size first, then its place. */
  function setArea(choice, area) {
    var width = rounded(Math.max(SMALLEST, area.width));
    var height = rounded(Math.max(SMALLEST, area.height));
    choice.x = String(rounded(Math.min(area.x, 1 - width)));
    choice.y = String(rounded(Math.min(area.y, 1 - height)));
    choice.width = String(width);
    choice.height = String(height);
  }

  function percent(fraction) {
    return String(Math.round(fraction * 1000) / 10);
  }

  function choiceName(choice, index) {
    return choice.text || spoc.interpolate(gettext('Choice {number}'), {number: index + 1});
  }

  function place(element, area) {
    element.style.left = area.x * 100 + '%';
    element.style.top = area.y * 100 + '%';
    element.style.width = area.width * 100 + '%';
    element.style.height = area.height * 100 + '%';
  }

  /* The picture with its hotspots; `imageUrl(src)` is the screenshot's address. */
  function picture(node, model, tools, imageUrl) {
    var make = tools.make;
    var wrapper = make('div', {class: 'spoc-form__field spoc-sg-edit__hotspots'});
    var helpId = tools.idOf('hotspots-help');
    wrapper.appendChild(make('p', {class: 'spoc-muted', id: helpId}, gettext(
      'Drag on the screenshot to draw a hotspot; drag a hotspot to move it, its corner to ' +
      'resize it. A focused hotspot moves with the arrow keys (Shift: bigger steps); its ' +
      'choice below has its place in percent.')));
    var frame = make('div', {class: 'spoc-sg-edit__screen'});
    var image = make('img', {class: 'spoc-sg-edit__screenshot', src: imageUrl(node.screen_src),
                             alt: node.screen_alt, draggable: 'false',
                             'data-spoc-screen-of': node.id});
    frame.appendChild(image);
    wrapper.appendChild(frame);

    node.choices.forEach(function (choice, index) {
      if (!choice.hotspot) { return; }
      var area = areaOf(choice);
      var spot = make('button', {type: 'button', class: 'spoc-sg-edit__hotspot',
                                 id: tools.idOf('hotspot-' + index),
                                 'aria-describedby': helpId});
      spot.setAttribute('aria-label', spoc.interpolate(
        gettext('Hotspot “{choice}”: at {x}% across, {y}% down, {width}% wide, {height}% high'),
        {choice: choiceName(choice, index), x: percent(area.x), y: percent(area.y),
         width: percent(area.width), height: percent(area.height)}));
      place(spot, area);
      spot.appendChild(make('span', {class: 'spoc-sg-edit__hotspot-name', 'aria-hidden': 'true'},
                            String(index + 1)));
      var corner = make('span', {class: 'spoc-sg-edit__corner', 'aria-hidden': 'true'});
      spot.appendChild(corner);
      frame.appendChild(spot);
      spot.addEventListener('keydown', function (event) {
        var step = event.shiftKey ? BIG_STEP : STEP;
        var move = {ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step],
                    ArrowDown: [0, step]}[event.key];
        if (!move) { return; }
        event.preventDefault();
        tools.change(function () {
          setArea(choice, {x: area.x + move[0], y: area.y + move[1], width: area.width,
                           height: area.height});
        }, spot.id);
      });
      spot.addEventListener('pointerdown', function (event) {
        event.stopPropagation();
        var edge = spot.getBoundingClientRect();
        var onCorner = event.target === corner || (event.clientX > edge.right - CORNER &&
                                                   event.clientY > edge.bottom - CORNER);
        drag(event, onCorner ? 'resize' : 'move', choice, area, spot, spot.id);
      });
    });

    frame.addEventListener('pointerdown', function (event) {
      if (event.button !== 0) { return; }
      var drawn = make('div', {class: 'spoc-sg-edit__hotspot spoc-sg-edit__hotspot--drawing'});
      frame.appendChild(drawn);
      drag(event, 'draw', null, null, drawn, tools.idOf('hotspot-' + node.choices.length));
    });

    /* Follow the pointer from `start`, showing the area on `shown`; on release, change the
       model once (one step for Undo) and focus `focusId`. */
    function drag(start, how, choice, area, shown, focusId) {
      start.preventDefault();
      var box = frame.getBoundingClientRect();
      var from = {x: (start.clientX - box.left) / box.width,
                  y: (start.clientY - box.top) / box.height};
      var now = area;
      var moved = false;
      function follow(event) {
        var at = {x: (event.clientX - box.left) / box.width,
                  y: (event.clientY - box.top) / box.height};
        var dx = at.x - from.x;
        var dy = at.y - from.y;
        moved = moved || Math.abs(dx) > 0.002 || Math.abs(dy) > 0.002;
        if (how === 'draw') {
          now = {x: Math.min(from.x, at.x), y: Math.min(from.y, at.y),
                 width: Math.abs(dx), height: Math.abs(dy)};
        } else if (how === 'move') {
          now = {x: Math.max(0, Math.min(area.x + dx, 1 - area.width)),
                 y: Math.max(0, Math.min(area.y + dy, 1 - area.height)),
                 width: area.width, height: area.height};
        } else {
          now = {x: area.x, y: area.y, width: Math.min(area.width + dx, 1 - area.x),
                 height: Math.min(area.height + dy, 1 - area.y)};
        }
        place(shown, now);
      }
      function release(event) {
        window.removeEventListener('pointermove', follow);
        window.removeEventListener('pointerup', release);
        follow(event);
        var small = how === 'draw' && (now.width < SMALLEST || now.height < SMALLEST);
        if (!moved || small) {
          if (how === 'draw') { frame.removeChild(shown); }
          if (choice) { shown.focus(); }
          return;
        }
        tools.change(function () {
          if (how === 'draw') {
            choice = newChoice(node.choices);
            choice.hotspot = true;
            node.choices.push(choice);
          }
          setArea(choice, now);
        }, focusId);
      }
      window.addEventListener('pointermove', follow);
      window.addEventListener('pointerup', release);
    }
    return wrapper;
  }

  /* A hotspot's X, Y, width and height as number fields in percent. */
  function areaFields(choice, model, tools) {
    var make = tools.make;
    var group = make('fieldset', {class: 'spoc-sg-edit__area'});
    group.appendChild(make('legend', {}, gettext('Place on the screenshot (percent)')));
    var labels = {x: gettext('X (from the left)'), y: gettext('Y (from the top)'),
                  width: gettext('Width'), height: gettext('Height')};
    AREA_KEYS.forEach(function (key) {
      var field = make('div', {class: 'spoc-form__field'});
      var input = make('input', {type: 'number', id: tools.idOf('area-' + key), min: '0',
                                 max: '100', step: '0.1'});
      input.value = percent(Number(choice[key]) || 0);
      field.appendChild(make('label', {for: input.id}, labels[key]));
      field.appendChild(input);
      group.appendChild(field);
      input.addEventListener('change', function () {
        var typed = Number(input.value);
        if (input.value === '' || !isFinite(typed)) { return; }
        tools.change(function () {
          var area = areaOf(choice);
          area[key] = typed / 100;
          setArea(choice, area);
        }, input.id);
      });
    });
    return group;
  }

  /* A choice made a hotspot gets a place to start from, in the middle of the picture. */
  function madeHotspot(choice) {
    if (choice.hotspot && !(Number(choice.width) > 0 && Number(choice.height) > 0)) {
      setArea(choice, {x: 0.4, y: 0.45, width: 0.2, height: 0.1});
    }
  }

  return {picture: picture, areaFields: areaFields, madeHotspot: madeHotspot};
};
