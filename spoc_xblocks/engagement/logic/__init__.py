"""Pure logic of the engagement widgets: pulse definitions, answers and tallies; skills checks and
their deltas."""
