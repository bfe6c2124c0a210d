/* The engagement widgets' Studio editor: the settings and the content XML, declared in the
   template and saved whole, or not at all, by spoc.js. */
function SpocEngagementStudio(runtime, element) {
  'use strict';
  window.SpocXBlocks.bindStudio(runtime, element, window.SpocXBlocks.gettext('Nothing was saved'));
}
