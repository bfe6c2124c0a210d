/* Trainer dashboard of the peer workshop: every action is declared in the template and sent by
   spoc.js; only the rubric's review is read here. */
function PeerWorkshopTrainer(runtime, element) {
  'use strict';
  SpocXBlocks.bind(runtime, element, {payload: window.PeerWorkshopRubric.payload});
}
