"""Development site: the xblock-sdk workbench with services that behave like the LMS's, and demo
data."""
