/* The rubric form read as a review payload, shared by the learner's and the trainer's views. */
window.PeerWorkshopRubric = window.PeerWorkshopRubric || {
  collect: function (form) {
    'use strict';
    var options = {};
    var comments = {};
    form.querySelectorAll('[data-option]:checked').forEach(function (input) {
      options[input.getAttribute('data-option')] = input.value;
    });
    form.querySelectorAll('[data-comment]').forEach(function (area) {
      if (area.value.trim()) { comments[area.getAttribute('data-comment')] = area.value; }
    });
    var overall = form.querySelector('[data-overall]');
    return {options: options, comments: comments, overall: overall ? overall.value : ''};
  }
};
