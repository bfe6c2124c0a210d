"""The public interface of serious-game persistence: versions, runs, steps, grades and the trainer's
aggregates.

Every write runs inside one transaction and is guarded by the database (unique attempt per learner,
unique step position per run, a conditional update on the step count), so a double click, a retry or
two processes racing never create a duplicate or lose a step. Functions return plain data.

A run keeps the ids of its choices on its own row (replayed with its seed to rebuild the state, in
one read) and one Step row per choice (what the trainer's aggregates count in SQL).
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from .logic.model import MISS
from .models import Run, ScenarioVersion, Step

VERSION_CACHE_SECONDS = 24 * 3600


class StaleRun(Exception):
    """The run moved on (another tab, a double click) or ended since the learner's page was
    drawn."""


@dataclass(frozen=True)
class RunInfo:
    id: int
    attempt: int
    version_id: int
    seed: str
    status: str
    node_id: str
    choices: tuple[str, ...]
    ending_id: str
    outcome: str
    score: float | None
    points: dict
    started: datetime
    finished: datetime | None
    updated: datetime | None = None

    @property
    def step_count(self) -> int:
        return len(self.choices)

    @property
    def playing(self) -> bool:
        return self.status == Run.PLAYING


@dataclass(frozen=True)
class LearnerRuns:
    """A learner's runs that count (playing or finished), oldest first, and the scenario XML of the
    latest."""

    runs: tuple[RunInfo, ...]
    scenario_xml: str

    @property
    def latest(self) -> RunInfo | None:
        return self.runs[-1] if self.runs else None

    @property
    def attempts_used(self) -> int:
        return len(self.runs)

    def with_latest(self, run: RunInfo) -> LearnerRuns:
        """The same runs with the latest one replaced (after a step, without reading it back)."""
        return replace(self, runs=(*self.runs[:-1], run))

    def grade(self, policy: str) -> float | None:
        """The score that counts for the gradebook: the best or the last finished run's (None before
        any)."""
        scores = [
            run.score for run in self.runs if run.status == Run.FINISHED and run.score is not None
        ]
        if not scores:
            return None
        return max(scores) if policy == "best" else scores[-1]


def _info(run: Run) -> RunInfo:
    return RunInfo(
        id=run.id,
        attempt=run.attempt,
        version_id=run.version_id,
        seed=run.seed,
        status=run.status,
        node_id=run.node_id,
        choices=tuple(run.choices or ()),
        ending_id=run.ending_id,
        outcome=run.outcome,
        score=run.score,
        points=dict(run.points or {}),
        started=run.started,
        finished=run.finished,
        updated=run.updated,
    )


def scenario_digest(scenario_xml: str) -> str:
    return hashlib.sha256(scenario_xml.encode("utf-8")).hexdigest()


def ensure_version(usage_key: str, scenario_xml: str) -> int:
    """The id of the stored snapshot of this scenario text, storing it the first time it is
    played."""
    digest = scenario_digest(scenario_xml)
    existing = (
        ScenarioVersion.objects.filter(usage_key=usage_key, digest=digest)
        .values_list("id", flat=True)
        .first()
    )
    if existing:
        return existing
    try:
        with transaction.atomic():
            return ScenarioVersion.objects.create(
                usage_key=usage_key, digest=digest, scenario_xml=scenario_xml
            ).id
    except IntegrityError:
        return ScenarioVersion.objects.get(usage_key=usage_key, digest=digest).id


def version_xml(version_id: int, digest: str) -> str:
    """A snapshot's text; snapshots never change, so the shared cache holds them by content
    digest."""
    key = f"spoc-sg-scenario-{digest}"
    scenario_xml = cache.get(key)
    if scenario_xml is None:
        scenario_xml = ScenarioVersion.objects.values_list("scenario_xml", flat=True).get(
            id=version_id
        )
        cache.set(key, scenario_xml, VERSION_CACHE_SECONDS)
    return scenario_xml


def learner_runs(usage_key: str, learner_id: str) -> LearnerRuns:
    """Where a learner stands on a block: one query, plus one for a snapshot the cache does not
    hold."""
    rows = list(
        Run.objects.filter(usage_key=usage_key, learner_id=learner_id)
        .exclude(status=Run.ABANDONED)
        .annotate(version_digest=F("version__digest"))
        .order_by("attempt")
    )
    runs = tuple(_info(run) for run in rows)
    return LearnerRuns(
        runs, version_xml(rows[-1].version_id, rows[-1].version_digest) if rows else ""
    )


def start_run(
    course_key: str,
    usage_key: str,
    learner_id: str,
    version_id: int,
    start_node: str,
    by_trainer: bool = False,
) -> RunInfo:
    """Open the learner's next attempt; when one is already being played, return it instead."""
    playing = Run.objects.filter(
        usage_key=usage_key, learner_id=learner_id, status=Run.PLAYING
    ).first()
    if playing:
        return _info(playing)
    attempt = Run.objects.filter(usage_key=usage_key, learner_id=learner_id).count() + 1
    try:
        with transaction.atomic():
            run = Run.objects.create(
                course_key=course_key,
                usage_key=usage_key,
                learner_id=learner_id,
                attempt=attempt,
                version_id=version_id,
                seed=secrets.token_hex(8),
                node_id=start_node,
                by_trainer=by_trainer,
            )
    except IntegrityError:
        # A concurrent request opened this attempt first: use it.
        run = Run.objects.get(usage_key=usage_key, learner_id=learner_id, attempt=attempt)
    return _info(run)


@dataclass(frozen=True)
class Ending:
    id: str
    outcome: str
    score: float | None
    points: dict


@dataclass(frozen=True)
class ScreenAction:
    """What the debrief keeps of an action on a screen: where the click fell (None from the
    keyboard or on an input step) and the seconds since the run's previous action."""

    x: float | None = None
    y: float | None = None


def record_step(
    run: RunInfo,
    node_id: str,
    choice_id: str,
    next_node: str,
    ending: Ending | None = None,
    screen: ScreenAction | None = None,
) -> RunInfo:
    """Append a choice (or a miss) to a run still at `run`'s position (StaleRun otherwise); close it
    if it reached an ending. On a screen, the click and the time spent are kept too."""
    now = timezone.now()
    changes = {
        "step_count": run.step_count + 1,
        "choices": [*run.choices, choice_id],
        "node_id": next_node,
        "updated": now,
    }
    if ending is not None:
        changes.update(_finished(ending, now))
    moved = Run.objects.filter(id=run.id, step_count=run.step_count, status=Run.PLAYING).update(
        **changes
    )
    if not moved:
        raise StaleRun
    spent = (now - run.updated).total_seconds() if screen and run.updated else None
    Step.objects.create(
        run_id=run.id,
        position=run.step_count,
        node_id=node_id,
        choice_id=choice_id,
        x=screen.x if screen else None,
        y=screen.y if screen else None,
        seconds=spent,
    )
    changes["choices"] = tuple(changes["choices"])
    changes.pop("step_count")
    return replace(run, **changes)


def _finished(ending: Ending, now) -> dict:
    return {
        "status": Run.FINISHED,
        "ending_id": ending.id,
        "outcome": ending.outcome,
        "score": ending.score,
        "points": ending.points,
        "finished": now,
    }


def finish_where_it_stands(run: RunInfo, ending: Ending) -> RunInfo:
    """Close a run that stands on an ending without a step to record (a start node that is an
    ending); StaleRun if it moved or closed meanwhile."""
    now = timezone.now()
    changes = _finished(ending, now)
    moved = Run.objects.filter(id=run.id, step_count=run.step_count, status=Run.PLAYING).update(
        **changes, updated=now
    )
    if not moved:
        raise StaleRun
    return replace(run, **changes)


def undo_step(run: RunInfo, previous_node: str) -> RunInfo:
    """Remove the last choice of a run still being played at `run`'s position (StaleRun
    otherwise)."""
    if not run.choices:
        raise StaleRun
    choices = run.choices[:-1]
    moved = Run.objects.filter(id=run.id, step_count=run.step_count, status=Run.PLAYING).update(
        step_count=len(choices),
        choices=list(choices),
        node_id=previous_node,
        updated=timezone.now(),
    )
    if not moved:
        raise StaleRun
    Step.objects.filter(run_id=run.id, position=len(choices)).delete()
    return replace(run, choices=choices, node_id=previous_node)


def abandon_run(run_id: int) -> None:
    Run.objects.filter(id=run_id, status=Run.PLAYING).update(
        status=Run.ABANDONED, updated=timezone.now()
    )


def forget_learner(usage_key: str, learner_id: str) -> int:
    """Delete every run of a learner on a block, with their steps; how many rows went."""
    return Run.objects.filter(usage_key=usage_key, learner_id=learner_id).delete()[0]


def debrief_counts(usage_key: str) -> dict:
    """The raw figures of the trainer's debrief, in six queries whatever the cohort size."""
    runs = Run.objects.filter(usage_key=usage_key, by_trainer=False)
    # Only steps on screens and input steps keep their seconds.
    screen_steps = Step.objects.filter(
        run__usage_key=usage_key, run__by_trainer=False, seconds__isnull=False
    ).exclude(run__status=Run.ABANDONED)
    finished_runs = list(
        runs.filter(status=Run.FINISHED).values_list(
            "learner_id", "ending_id", "outcome", "score", "points"
        )
    )
    return {
        "learners_started": runs.aggregate(started=Count("learner_id", distinct=True))["started"],
        "learners_finished": len({row[0] for row in finished_runs}),
        "finished_runs": finished_runs,
        "choices": list(
            Step.objects.filter(run__usage_key=usage_key, run__by_trainer=False)
            .exclude(run__status=Run.ABANDONED)
            .values("node_id", "choice_id")
            .annotate(count=Count("id"))
            .order_by()
        ),
        "stuck": list(
            runs.filter(status=Run.PLAYING)
            .values("node_id")
            .annotate(count=Count("id"))
            .order_by("-count")
        ),
        "screens": list(
            screen_steps.values("node_id")
            .annotate(
                actions=Count("id"),
                misses=Count("id", filter=Q(choice_id=MISS)),
                runs=Count("run_id", distinct=True),
                seconds=Sum("seconds"),
            )
            .order_by()
        ),
        "clicks": list(screen_steps.filter(x__isnull=False).values_list("node_id", "x", "y")),
    }


def export_runs(usage_key: str, chunk_size: int = 500):
    """Every run of a block with its path, as dicts, streamed in chunks (a bounded number of queries
    a chunk)."""
    runs = (
        Run.objects.filter(usage_key=usage_key, by_trainer=False)
        .order_by("id")
        .prefetch_related("steps")
    )
    for run in runs.iterator(chunk_size=chunk_size):
        yield {
            "learner_id": run.learner_id,
            "attempt": run.attempt,
            "status": run.status,
            "path": [(step.node_id, step.choice_id) for step in run.steps.all()],
            "ending_id": run.ending_id,
            "outcome": run.outcome,
            "score": run.score,
            "points": run.points,
            "started": run.started,
            "finished": run.finished,
        }
