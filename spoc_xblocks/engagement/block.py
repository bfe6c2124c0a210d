"""What the pulse and the skills check share: the SPOC block base, the Studio editor, the mobile
data."""

from __future__ import annotations

from spoc_xblocks.common.block import SpocBlock
from spoc_xblocks.common.sanitize import sanitize_html

from .authoring import EngagementAuthoringMixin


class EngagementBlock(EngagementAuthoringMixin, SpocBlock):
    """The base of the two widgets. A widget gives `authored`: its definition, typed."""

    icon_class = "problem"

    @property
    def authored(self):
        raise NotImplementedError

    def student_view_data(self, context=None):
        """For the mobile apps: the authored widget (its settings and content), with the
        introduction sanitised."""
        data = self.authored.to_dict()
        return {"display_name": self.display_name, **data, "intro": sanitize_html(data["intro"])}
