#!/usr/bin/env bash
# Fails on an include that goes against the layers of src/: data flows one
# way (input -> core types -> store -> core scoring -> report/web views), and
# a module includes only itself and the modules below it:
#
#   core           pure C++, no I/O: includes nothing else of the project
#   text           the message catalogue (data/messages/*.po)   -> core
#   input          text (JSON, CSV) into core types            -> core
#   store          storage interface, SQLite, PostgreSQL        -> core
#   security       passwords, tokens, codes, rate limits        -> core
#   report         narrative, charts, PDF, DOCX, XLSX writers   -> core, text
#   web/http       HTTP server, router, requests                -> core
#   web/templates  the template engine wrapper                  -> core
#   web            the pages' views of the catalogue (web/*_text) -> core, text, report
#   web/survey     the respondent's path, pure                  -> core, report, web
#   app            store meets core (results, queues, files)    -> core, text, input, store,
#                                                                  security, report
#   web/site       the site's routes and views                  -> all of the above
#   cli            the itagap command                           -> all of the above
#
# So core never includes store, web, report or app, and report and store never
# include web or app. Only quoted includes of the project are checked
# ("module/file.hpp"); a quoted include naming no module fails too.
# Usage: scripts/check-includes.sh [SRC_DIR]   (default: src next to this script)
set -euo pipefail
src=${1:-"$(dirname "$0")/../src"}
src=$(cd "$src" && pwd)

below_http_and_friends="core text input store security report web/http web/templates web web/survey app"
declare -A allowed=(
  [core]="core"
  [input]="input core"
  [store]="store core"
  [security]="security core"
  [text]="text core"
  [report]="report core text"
  [web/http]="web/http core"
  [web/templates]="web/templates core"
  [web]="web core text report"
  [web/survey]="web/survey web core text report"
  [app]="app core text input store security report"
  [web/site]="web/site $below_http_and_friends"
  [cli]="cli web/site $below_http_and_friends"
)

# Sets `module` to the module of a path relative to src/ (the longest prefix
# that is one), or to "" (no subshell: this runs for every include).
module_of() {
  case $1 in
    web/http/*) module=web/http ;;
    web/templates/*) module=web/templates ;;
    web/survey/*) module=web/survey ;;
    web/site/*) module=web/site ;;
    web/*) module=web ;;
    core/* | text/* | input/* | store/* | security/* | report/* | app/* | cli/*) module=${1%%/*} ;;
    *) module="" ;;
  esac
}

failures=0
checked=0
while IFS= read -r -d '' file; do
  rel=${file#"$src"/}
  module_of "$rel"
  from=$module
  if [[ -z $from ]]; then
    echo "check-includes: $rel is in no module (add it to scripts/check-includes.sh)"
    failures=$((failures + 1))
    continue
  fi
  while IFS=: read -r line included; do
    checked=$((checked + 1))
    module_of "$included"
    to=$module
    ok=0
    for m in ${allowed[$from]}; do
      [[ $m == "$to" ]] && ok=1 && break
    done
    if ((!ok)); then
      echo "src/$rel:$line: $from includes \"$included\" (${to:-no module}); $from may include: ${allowed[$from]}"
      failures=$((failures + 1))
    fi
  done < <(grep -n -o -E '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[^"]+"' "$file" |
             sed -E 's/^([0-9]+):.*"([^"]+)"/\1:\2/')
done < <(find "$src" \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) -print0 | sort -z)

if ((failures)); then
  echo "check-includes: $failures include(s) against the layers (see the table at the top of scripts/check-includes.sh)"
  exit 1
fi
echo "check-includes: $checked project includes, all downward"
