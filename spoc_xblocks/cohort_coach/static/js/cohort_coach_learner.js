/* The learner's view of the cohort coach: its check-in, thread, goal and booking forms and buttons
   are declared in the templates and sent by spoc.js. */
function CohortCoachLearner(runtime, element) {
  'use strict';
  SpocXBlocks.bind(runtime, element);
}
