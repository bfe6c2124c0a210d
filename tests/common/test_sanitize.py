"""Author HTML keeps its formatting and loses anything that could run."""
from spoc_xblocks.common.sanitize import plain_text, sanitize_html


def test_scripts_handlers_and_javascript_urls_are_removed():
    dirty = '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(2)">link</a></p>'
    clean = sanitize_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "javascript:" not in clean
    assert clean.startswith("<p>Hi")


def test_formatting_links_and_images_survive():
    html = '<p><strong>Bold</strong> <a href="https://example.org">x</a><img src="https://e.org/a.png" alt="A"></p>'
    clean = sanitize_html(html)
    assert "<strong>Bold</strong>" in clean and 'href="https://example.org"' in clean and 'alt="A"' in clean


def test_plain_text_drops_tags_and_keeps_characters():
    assert plain_text("<b>Tom &amp; Jerry</b> <i>&lt;3</i>") == "Tom & Jerry <3"
