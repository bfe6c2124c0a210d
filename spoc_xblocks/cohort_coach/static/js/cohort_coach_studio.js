/* The cohort coach's Studio editor: settings, questions and at-risk thresholds, saved in one
   request by spoc.js. */
function CohortCoachStudio(runtime, element) {
  'use strict';
  SpocXBlocks.bindStudio(runtime, element, SpocXBlocks.gettext('The settings were not saved'));
}
