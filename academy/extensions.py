"""What other apps add to enrolling, without the Academie knowing them: the questions asked
before an enrolment is confirmed and the callbacks told when an enrolment is confirmed,
promoted from the waiting list or cancelled. The portal's one mechanism for places that
other apps extend (`ingrado.extensions.PlaceExtensions`, which the meetings' registrations
use too); billing fills it in its `AppConfig.ready()`."""

from ingrado.extensions import EVENTS, PlaceExtensions, Question

__all__ = ["ENROLMENTS", "EVENTS", "Question"]

ENROLMENTS = PlaceExtensions("enrolment")

register_enrolment_question = ENROLMENTS.register_question
enrolment_questions = ENROLMENTS.questions
listen = ENROLMENTS.listen
announce = ENROLMENTS.announce
