#!/usr/bin/env bash
# Regenerates the demo data set in seed/demo/ with Passerelle's own generator, from
# the reference lists in seed/: the same commit gives the same bytes. Run it after a
# change to the generator or to the lists, then commit seed/demo/.
#
#   seed/demo/make.sh [PASSERELLE]    # PASSERELLE: a built binary (default: builds one)
set -euo pipefail
cd "$(dirname "$0")/../.."

members=3000
postings=4000
# Seed 4 gives a Toulouse member hundreds of connections (a hub of the network).
seed=4
# The day the data set is generated as of; `passerelle demo` moves the postings'
# dates by the days between it and the day it loads them, so they are never stale.
as_of=2026-11-20

passerelle=${1:-}
if [ -z "$passerelle" ]; then
    swift build -c release --product passerelle
    passerelle=.build/release/passerelle
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$passerelle" generate --members "$members" --postings "$postings" --seed "$seed" --today "$as_of" \
    --seed-dir seed --out "$work"
for file in profiles.jsonl jobs.jsonl connections.csv; do
    # -n: no name nor time in the header, so the bytes depend on the content only.
    gzip -9 -n <"$work/$file" >"seed/demo/$file.gz"
done
echo "$as_of" >seed/demo/as_of.txt
python3 seed/demo/accounts.py "$work" "$as_of" >seed/demo/accounts.tsv
ls -l seed/demo
