/* The rubric form read as a review payload ({options, comments, overall}), shared by the learner's
   and the trainer's views: its levels and comments are keyed by criterion, which a flat form
   cannot say. */
window.PeerWorkshopRubric = window.PeerWorkshopRubric || {
  collect: function (form) {
    'use strict';
    var options = {};
    var comments = {};
    form.querySelectorAll('[data-spoc-option]:checked').forEach(function (input) {
      options[input.getAttribute('data-spoc-option')] = input.value;
    });
    form.querySelectorAll('[data-spoc-comment]').forEach(function (area) {
      if (area.value.trim()) { comments[area.getAttribute('data-spoc-comment')] = area.value; }
    });
    var overall = form.querySelector('[data-spoc-overall]');
    return {options: options, comments: comments, overall: overall ? overall.value : ''};
  },

  /* For SpocXBlocks.bind's `payload` option: a rubric form sends its review, beside its own payload
     (the review's id, or the submission and whether it is final) and its trigger's, in place of its
     radio buttons' names. */
  payload: function (handler, payload, trigger) {
    'use strict';
    var form = trigger && trigger.closest('[data-spoc-rubric]');
    if (!form) { return payload; }
    function declared(node) {
      var text = node.getAttribute('data-spoc-payload');
      return text ? JSON.parse(text) : {};
    }
    return Object.assign(declared(form), trigger === form ? {} : declared(trigger),
                         window.PeerWorkshopRubric.collect(form));
  }
};
