"""Pure logic of the peer workshop: phases, groups, allocation, rubric checks, grades, moderation
(no Django)."""
