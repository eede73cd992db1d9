#!/usr/bin/env bash
# Stop the Virtuoso started by start-virtuoso.sh. Usage: stop-virtuoso.sh SQL_PORT
set -u
isql-vt "127.0.0.1:$1" dba dba exec="shutdown();" >/dev/null 2>&1 || true
