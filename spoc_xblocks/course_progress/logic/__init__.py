"""Pure rules of the whole course progress: no Django, no XBlock."""
