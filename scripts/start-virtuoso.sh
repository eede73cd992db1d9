#!/usr/bin/env bash
# Start a throw-away Virtuoso on 127.0.0.1 with its files under DIR.
# Usage: start-virtuoso.sh DIR SQL_PORT HTTP_PORT   (prints the HTTP base URL when ready)
set -euo pipefail
dir=$1 sql=$2 http=$3
command -v virtuoso-t >/dev/null || { echo "virtuoso-t not installed" >&2; exit 3; }
mkdir -p "$dir"
sed -e "s#/var/lib/virtuoso-opensource-7/db#$dir#g" \
    -e "s#^ServerPort\( *\)= 1111#ServerPort\1= 127.0.0.1:$sql#" \
    -e "s#^ServerPort\( *\)= 8890#ServerPort\1= 127.0.0.1:$http#" \
    -e "s#^DirsAllowed.*#DirsAllowed = ., $dir, /usr/share/virtuoso-opensource-7/vad#" \
    /etc/virtuoso-opensource-7/virtuoso.ini > "$dir/virtuoso.ini"
(cd "$dir" && virtuoso-t +configfile "$dir/virtuoso.ini" +wait) >/dev/null
for _ in $(seq 1 100); do
  if curl -fs "http://127.0.0.1:$http/sparql?query=ASK%7B%7D" >/dev/null 2>&1; then
    echo "http://127.0.0.1:$http"; exit 0
  fi
  sleep 0.2
done
echo "virtuoso did not become ready" >&2; exit 1
