"""How an H5P Branching Scenario scores, for the importer: the maximum a static end score is divided
by, and what a dynamic score computes that the imported scenario computes otherwise."""

from __future__ import annotations

from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.h5p_content import as_dict, library_of, number
from spoc_xblocks.serious_game.importers.report import ImportNote, note


def static_maximum(content: list, default_end: dict) -> float:
    """H5P's maximum for a static end score: the largest score of the ways to an end, the
    default end's score standing in for those without one."""
    default = number(default_end.get("endScreenScore"))
    exits = []
    for item in content:
        item = as_dict(item)
        if library_of(item) == "H5P.BranchingQuestion":
            question = as_dict(
                as_dict(as_dict(item.get("type")).get("params")).get("branchingQuestion")
            )
            alternatives = question.get("alternatives")
            exits += alternatives if isinstance(alternatives, list) else []
        else:
            exits.append(item)
    best = 0
    for way in map(as_dict, exits):
        if way.get("nextContentId", -1) == -1:
            score = as_dict(way.get("feedback")).get("endScreenScore")
            best = max(best, number(score) if score is not None else default)
    return best


def dynamic_score_notes(params: dict) -> list[ImportNote]:
    """What a dynamic score computes in H5P that the imported scenario computes otherwise."""
    notes = [
        note(
            "dynamic_maximum",
            _(
                "H5P divides a dynamic score by the most the nodes a learner visited could give; "
                "here points are divided by the best total any run can reach."
            ),
        )
    ]
    scored_types = ("H5P.CoursePresentation", "H5P.InteractiveVideo")
    if as_dict(params.get("scoringOptionGroup")).get("includeInteractionsScores") and any(
        library_of(as_dict(item)) in scored_types for item in params["content"]
    ):
        notes.append(
            note(
                "interaction_scores_not_imported",
                _(
                    "H5P adds the scores of the questions inside presentations and interactive "
                    "videos; those questions cannot be answered here, so their scores were left "
                    "out."
                ),
            )
        )
    return notes
