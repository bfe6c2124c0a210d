"""Stand-ins for the Open edX LMS and Studio, written from
../shared/reference/open-edx-runtime-facts.md.

Each context a block really runs in (LMS learner, course staff, "View as: Learner", "View as:
Specific learner", Studio preview, Studio editor, a signed-out visitor) gets the runtime, services
and request handling the platform gives it: the staff gate on other users' anonymous ids, enrolled
staff in the roster, values inherited from the course, read-only authored fields in the LMS, an `fs`
service that fails as under Tutor, the staff markup that reads every field, the LMS's and the
proxy's upload limits. Where the platform's service costs a database query per call, these cost one
too.
"""
