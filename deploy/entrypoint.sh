#!/bin/sh
# The container's entrypoint (deploy/Dockerfile); it runs the same outside a container
# (tests/server/test_deploy.py runs it against a local PostgreSQL).
#   (no arguments) or "serve [FLAGS]": upgrade the database, then serve in the foreground
#   anything else: feltjournal-server ARGS (e.g. "admin init", "admin backup")
# Settings come from FELTJOURNAL_SERVER_* variables (server/README.md).
set -eu
if [ "${1:-serve}" = "serve" ]; then
    if [ "$#" -gt 0 ]; then shift; fi
    feltjournal-server migrate
    exec feltjournal-server serve "$@"
fi
exec feltjournal-server "$@"
