#!/usr/bin/env bash
# Runs `tieout check` over every release listed in ../shared/corpus/MANIFEST.tsv.
set -euo pipefail
corpus="${CORPUS:-$(dirname "$0")/../../shared/corpus}"
mapfile -t files < <(tail -n +2 "$corpus/MANIFEST.tsv" | cut -f1 | sed "s|^|$corpus/|")
exec node "$(dirname "$0")/../bin/tieout.js" check "${files[@]}"
