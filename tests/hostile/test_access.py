"""The access table, enforced: every handler of every block, called as each caller on alice's seeded
data.

Each caller gets the status access_table.py gives; every refusal is a JSON error; no response to a
signed-out visitor or to another learner carries alice's private texts, her username or her
anonymous id; and what the table lets alice and the trainer read does show the seeded markers, which
proves the markers are findable.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from xblock.core import XBlock

from tests import figures
from tests.sites import answered_by_platform

from .access_seed import (
    CALLERS,
    MASQUERADE,
    OTHER,
    OWNER,
    SEEDERS,
    TRAINER,
    alice_identity,
    response_text,
    seed_named_pulse,
    with_alice_id,
)
from .access_table import ACCESS, GET, UPLOAD

SOURCE = "access table"


def our_handlers() -> set[tuple[str, str]]:
    """(block type, handler name) for every XBlock handler of every block this package installs."""
    found = set()
    for block_type, block_class in XBlock.load_classes():
        if block_class.__module__.startswith("spoc_xblocks."):
            found |= {
                (block_type, name)
                for name in dir(block_class)
                if getattr(getattr(block_class, name, None), "_is_xblock_handler", False)
            }
    return found


def call(workbench, seeded, handler: str, caller: str, suffix: str | None = None):
    """One request as the table describes it (with another suffix if given), for `caller`."""
    access = ACCESS[seeded.block_type, handler]
    ids = seeded.ids
    if suffix is None:
        suffix = access.suffix(ids) if callable(access.suffix) else access.suffix
    figures.record("requests sent", 1, source=SOURCE)
    if access.method == GET:
        return workbench.get(seeded.scenario, handler, caller, suffix)
    if access.method == UPLOAD:
        return workbench.upload(
            seeded.scenario,
            handler,
            caller,
            {"file": SimpleUploadedFile("notes.txt", b"Some notes.")},
        )
    payload = access.payload(ids) if callable(access.payload) else access.payload
    return workbench.send(
        "POST",
        seeded.scenario,
        handler,
        caller,
        suffix=suffix,
        data=with_alice_id(json.dumps(payload)),
    )


def leaks(text: str, seeded, caller: str, allowed=frozenset()) -> list[str]:
    """What `text`, shown to `caller`, carries that `caller` may not read (`allowed`: markers this
    call may show)."""
    found = [
        marker
        for marker, readers in seeded.markers.items()
        if caller not in readers and marker not in allowed and marker in text
    ]
    if caller not in seeded.identity_readers | {OWNER, MASQUERADE}:
        found += [f"alice's identity ({clue})" for clue in alice_identity() if clue in text.lower()]
    return found


def test_every_handler_of_every_block_is_in_the_table():
    """A new handler must be classified here before its block ships: who may call it, and with what
    answer."""
    handlers = our_handlers()
    assert {block_type for block_type, _name in handlers} == set(SEEDERS)
    assert sorted(handlers - set(ACCESS)) == [], (
        "handlers missing from tests/hostile/access_table.py"
    )
    assert sorted(set(ACCESS) - handlers) == [], "the table names handlers that no longer exist"


@pytest.mark.parametrize(
    "block_type, handler", sorted(ACCESS), ids=[f"{b}.{h}" for b, h in sorted(ACCESS)]
)
def test_each_caller_gets_the_status_the_table_gives_and_nothing_of_alice(
    workbench, settings, tmp_path, block_type, handler
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    seeded = SEEDERS[block_type](workbench)
    access = ACCESS[block_type, handler]
    wrong = []
    in_studio = workbench.in_studio(seeded.scenario, handler)
    for caller in CALLERS:
        response = call(workbench, seeded, handler, caller)
        text = response_text(response)
        # Studio has no masquerade: there the trainer viewing the course as alice is the trainer, an
        # author.
        expected = access.status(TRAINER if in_studio and caller == MASQUERADE else caller)
        if response.status_code != expected:
            wrong.append(f"{caller}: {response.status_code} instead of {expected}: {text[:200]}")
        elif (
            response.status_code >= 400
            and not answered_by_platform(response)
            and "error" not in json.loads(text)
        ):
            wrong.append(f"{caller}: a {response.status_code} without a JSON error: {text[:200]}")
        allowed = access.other_may_read if caller == OTHER else frozenset()
        wrong += [f"{caller} was shown {leak}" for leak in leaks(text, seeded, caller, allowed)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    "seeder", [*SEEDERS.values(), seed_named_pulse], ids=[*SEEDERS, "spoc_pulse named"]
)
def test_pages_show_alice_data_to_alice_and_the_trainer_and_to_nobody_else(
    workbench, settings, tmp_path, seeder
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    seeded = seeder(workbench)
    reads = [
        handler
        for (block_type, handler), access in ACCESS.items()
        if block_type == seeded.block_type and access.reads
    ]
    seen = {}
    for caller in CALLERS:
        pages = [workbench.page(scenario, caller) for scenario in seeded.pages]
        assert [page.status_code for page in pages] == [200] * len(pages), caller
        texts = [response_text(page) for page in pages]
        figures.record("requests sent", len(texts), source=SOURCE)
        texts += [response_text(call(workbench, seeded, handler, caller)) for handler in reads]
        texts += [
            response_text(call(workbench, seeded, handler, caller, suffix))
            for handler, suffix in seeded.more_downloads
        ]
        seen[caller] = "\n".join(texts)
        assert not leaks(seen[caller], seeded, caller), caller
    unseen = [
        (marker, caller)
        for marker, readers in seeded.markers.items()
        for caller in readers
        if marker not in seen[caller]
    ]
    assert not unseen, f"markers these callers should read and could not find: {unseen}"
