"""Write operations of the helpdesk and the kennisbank, by sub-domain: what every service uses
(common), attachments, the asker's side (questions), the experts' side with the review
(answers), and the kennisbank's items (kennisbank). Every caller imports from here:
`from knowledge import services`.

The workflow: new -> assigned -> drafted -> in review -> sent -> closed, with
"waiting for the asker" (the five-day clock pauses) and follow-ups that reopen a thread.
A second expert, never the author, approves an answer before it reaches the asker."""

from .answers import (
    answer_approve,
    answer_attachment_remove,
    answer_return,
    answer_save_draft,
    answer_submit_for_review,
    compose_answer,
    note_add,
    question_assign,
    question_close,
    question_request_information,
)
from .attachments import (
    ALLOWED_TYPES,
    DOCX,
    MAX_ATTACHMENT_BYTES,
    WORD_DOCUMENT_PARTS,
    ZIP_SIGNATURE,
    sniff_attachment,
)
from .common import (
    Action,
    AlreadySubmitted,
    HelpdeskError,
    Status,
    SubmissionRefused,
)
from .kennisbank import (
    PersonalDataFound,
    item_save,
    update_search_index,
)
from .questions import (
    ERASED_TEXT,
    answer_rate,
    question_register_on_behalf,
    question_reply,
    question_submit,
    questions_erase_asker,
)

__all__ = [
    "Status",
    "Action",
    "HelpdeskError",
    "AlreadySubmitted",
    "SubmissionRefused",
    "MAX_ATTACHMENT_BYTES",
    "ALLOWED_TYPES",
    "DOCX",
    "ZIP_SIGNATURE",
    "WORD_DOCUMENT_PARTS",
    "sniff_attachment",
    "question_submit",
    "question_register_on_behalf",
    "question_reply",
    "answer_rate",
    "ERASED_TEXT",
    "questions_erase_asker",
    "question_assign",
    "compose_answer",
    "answer_save_draft",
    "answer_submit_for_review",
    "answer_attachment_remove",
    "answer_approve",
    "answer_return",
    "question_request_information",
    "question_close",
    "note_add",
    "PersonalDataFound",
    "update_search_index",
    "item_save",
]
