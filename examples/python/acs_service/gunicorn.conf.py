"""gunicorn settings for the ACS example: `gunicorn -c gunicorn.conf.py` from this folder
or any other. The app is imported in each worker after the fork (no preload), so every
worker opens its own connection to Redis; they share the replay records on the server."""

import os

wsgi_app = "app:application"
pythonpath = os.path.dirname(os.path.abspath(__file__))
bind = [os.environ.get("ACS_BIND", "127.0.0.1:8080")]
workers = int(os.environ.get("ACS_WORKERS", "4"))
# Threads in each worker: a verification takes well under a millisecond, and a thread
# waiting on Redis (at most ACS_REDIS_TIMEOUT) leaves the others serving.
worker_class = "gthread"
threads = int(os.environ.get("ACS_THREADS", "4"))
# A worker that is stuck longer than this is killed and replaced by the master.
timeout = 30
graceful_timeout = 10
keepalive = 5
accesslog = os.environ.get("ACS_ACCESS_LOG") or None
loglevel = os.environ.get("ACS_LOG_LEVEL", "warning").lower()
