/* Studio editor of the peer workshop: its form and the ORA2 import are declared in the template and
   sent by spoc.js; the server saves all or nothing. */
function PeerWorkshopStudio(runtime, element) {
  'use strict';
  SpocXBlocks.bindStudio(runtime, element, SpocXBlocks.gettext('The workshop was not saved'));
}
