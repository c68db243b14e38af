"""What other apps add to registering for a meeting, without the meetings knowing them (the
Academie's mechanism, `ingrado.extensions.PlaceExtensions`): the questions asked before a
registration is made (billing: whom to invoice for a paid meeting) and the callbacks told
when a registration is confirmed, promoted from the waiting list or cancelled. Billing fills
it in its `AppConfig.ready()`."""

from ingrado.extensions import PlaceExtensions

REGISTRATIONS = PlaceExtensions("registration")

register_registration_question = REGISTRATIONS.register_question
registration_questions = REGISTRATIONS.questions
listen = REGISTRATIONS.listen
announce = REGISTRATIONS.announce
