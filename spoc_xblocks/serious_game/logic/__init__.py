"""The pure logic of serious games: model, expressions, engine, validator, paths. No Django, no
XBlock."""
