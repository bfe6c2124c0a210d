"""The test site's URLs: the workbench's own, and the platform stand-in's routes beside them."""

from django.urls import include, path, re_path

from . import views

USAGE = r"(?P<usage_id>block-v1:[^/]+)"

urlpatterns = [
    re_path(
        rf"^courses/(?P<course_id>[^/]+)/xblock/{USAGE}/handler/(?P<handler>[^/]+)/?(?P<suffix>.*)$",
        views.lms_handler,
    ),
    re_path(
        rf"^courses/(?P<course_id>[^/]+)/xblock/{USAGE}/view/(?P<view_name>[^/]+)$", views.lms_view
    ),
    re_path(
        rf"^cms/xblock/{USAGE}/handler/(?P<handler>[^/]+)/?(?P<suffix>.*)$", views.studio_handler
    ),
    re_path(rf"^cms/xblock/{USAGE}/(?P<view_name>studio_view)$", views.studio_view),
    re_path(
        rf"^cms/preview/xblock/{USAGE}/handler/(?P<handler>[^/]+)/?(?P<suffix>.*)$",
        views.preview_handler,
    ),
    re_path(rf"^cms/preview/xblock/{USAGE}/(?P<view_name>[^/]+)$", views.preview_view),
    path("", include("workbench.urls")),
]
