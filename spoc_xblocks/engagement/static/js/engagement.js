/* The engagement widgets for learners. spoc.js sends the answer form and shows what follows; each
   widget only says how its answers are collected. */

/* The pulse: {answers: {question id: a number, an option id, a list of option ids or a text}},
   unanswered questions left out. */
function SpocPulseBlock(runtime, element) {
  'use strict';
  window.SpocXBlocks.bind(runtime, element, {
    payload: function (handler, payload, trigger) {
      if (payload && payload.answers) { return payload; }  // a one-click module check's button
      var answers = {};
      var questions = trigger.closest('form').querySelectorAll('[data-spoc-question]');
      Array.prototype.forEach.call(questions, function (question) {
        var id = question.getAttribute('data-spoc-question');
        var kind = question.getAttribute('data-spoc-question-kind');
        if (kind === 'text') {
          var text = question.querySelector('textarea').value;
          if (text.trim()) { answers[id] = text; }
        } else if (kind === 'multiple') {
          var chosen = Array.prototype.map.call(
            question.querySelectorAll('input:checked'),
            function (input) { return input.value; }
          );
          if (chosen.length) { answers[id] = chosen; }
        } else {
          var checked = question.querySelector('input:checked');
          if (checked) {
            answers[id] = kind === 'single' ? checked.value : parseInt(checked.value, 10);
          }
        }
      });
      return {answers: answers};
    }
  });
}

/* The skills check: {levels: {competency id: level 1-5}} for every competency rated. */
function SpocSkillsCheckBlock(runtime, element) {
  'use strict';
  window.SpocXBlocks.bind(runtime, element, {
    /* The levels; in a follow-up, also how often each competency is used, the examples and the
       benefit. */
    payload: function (handler, payload, trigger) {
      var form = trigger.closest('form');
      var answer = {levels: {}};
      var competencies = form.querySelectorAll('[data-spoc-competency]');
      Array.prototype.forEach.call(competencies, function (competency) {
        var id = competency.getAttribute('data-spoc-competency');
        var level = competency.querySelector('.spoc-skills__levels input:checked');
        if (level) { answer.levels[id] = parseInt(level.value, 10); }
        var uses = competency.querySelector('[data-spoc-use]');
        if (!uses) { return; }
        answer.uses = answer.uses || {};
        answer.examples = answer.examples || {};
        var use = uses.querySelector('input:checked');
        if (use) { answer.uses[id] = use.value; }
        answer.examples[id] = competency.querySelector('[data-spoc-example]').value;
      });
      var benefit = form.querySelector('textarea[name="benefit"]');
      if (benefit) { answer.benefit = benefit.value; }
      return answer;
    }
  });
}
