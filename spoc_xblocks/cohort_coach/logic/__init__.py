"""The cohort coach's pure logic: check-in periods, at-risk rules, follow-up, KPIs and calendar
files."""
