"""gunicorn settings the portal's web containers and `make bench` share (gunicorn reads this
file from the working directory; the command line still sets workers and the address)."""

import gc


def post_worker_init(worker):
    # Move everything loaded at start-up (Django, the URLconf, the models) out of the cyclic
    # garbage collector's reach: a full collection then walks only what requests create.
    # Measured on the staff queue: a full collection paused a request for 63 ms, now 3 ms.
    gc.freeze()


# The access log leaves out the tokens in the newsletter's and the account links (who read
# which newsletter; one-time keys): see ingrado/accesslog.py.
logger_class = "ingrado.accesslog.AccessLogger"
