"""Pure logic of the time per module: the session rule and the cohort's figures."""
