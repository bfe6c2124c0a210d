"""A block away from any request: its settings and content kept as JSON, and the block made again
from them in a Celery worker, where there is no XBlock runtime."""

from __future__ import annotations

import logging

from django.conf import settings
from xblock.core import XBlock, XBlockMixin
from xblock.field_data import DictFieldData
from xblock.fields import Date, Scope, ScopeIds
from xblock.runtime import MemoryIdManager, Runtime

from .i18n import PackageI18nService

log = logging.getLogger(__name__)

KEPT_SCOPES = (Scope.settings, Scope.content)


def block_snapshot(block) -> dict:
    """What a worker needs to make the block again: its type, keys, and every setting and content
    field (inherited ones such as `due` as the block reads them)."""
    fields = {
        name: field.to_json(field.read_from(block))
        for name, field in block.fields.items()
        if field.scope in KEPT_SCOPES
    }
    return {
        "block_type": block.scope_ids.block_type,
        "usage_id": str(block.scope_ids.usage_id),
        "course_key": block.course_key,
        "fields": fields,
    }


class InheritedDue(XBlockMixin):
    """The due date the LMS's runtime mixes into every block (its InheritanceMixin), which the
    snapshot kept from the block as the course outline set it."""

    due = Date(scope=Scope.settings, default=None)


class SiteSettingsService:
    """The `settings` service as the LMS's: the block's bucket of the site's XBLOCK_SETTINGS."""

    def get_settings_bucket(self, block, default=None):
        key = getattr(block, "block_settings_key", None) or type(block).__name__
        return getattr(settings, "XBLOCK_SETTINGS", {}).get(key, default)


class DetachedRuntime(Runtime):
    """The runtime of a block made from its snapshot: translations for the active language, tracking
    events to the platform's tracker where there is one, and no user (it is nobody's request)."""

    def __init__(self, course_key: str):
        ids = MemoryIdManager()
        super().__init__(
            ids,
            ids,
            mixins=(InheritedDue,),
            services={"i18n": PackageI18nService(), "settings": SiteSettingsService()},
        )
        self.course_id = course_key

    def publish(self, block, event_type, event_data):
        try:
            from eventtracking import tracker
        except ImportError:
            log.info("%s %s", event_type, event_data)
            return
        tracker.emit(event_type, event_data)

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        raise NotImplementedError("A block in a worker has no handlers to link to.")

    def local_resource_url(self, block, uri):
        raise NotImplementedError("A block in a worker renders no page.")

    def resource_url(self, resource):
        raise NotImplementedError("A block in a worker renders no page.")


def block_from_snapshot(snapshot: dict):
    """The block as it was when the snapshot was taken, bound to a DetachedRuntime."""
    block_class = XBlock.load_class(snapshot["block_type"])
    runtime = DetachedRuntime(snapshot["course_key"])
    block_class = runtime.mixologist.mix(block_class)
    values = {
        name: block_class.fields[name].from_json(value)
        for name, value in snapshot["fields"].items()
        if name in block_class.fields
    }
    usage_id = snapshot["usage_id"]
    scope_ids = ScopeIds(None, snapshot["block_type"], usage_id, usage_id)
    return runtime.construct_xblock_from_class(block_class, scope_ids, DictFieldData(values))
