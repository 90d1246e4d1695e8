#!/bin/sh
# Builds the kiosk's message catalogues: po/LANG.po -> OUTDIR/LANG/LC_MESSAGES/vaksam.mo.
# Usage: tests/tools/mo.sh OUTDIR   (the kiosk finds OUTDIR through
# $VAKSAM_LOCALEDIR, or as build/locale of the source tree).
set -eu
out=${1:?usage: mo.sh OUTDIR}
cd "$(dirname "$0")/../.."
for po in po/*.po; do
	lang=$(basename "$po" .po)
	mkdir -p "$out/$lang/LC_MESSAGES"
	msgfmt --check -o "$out/$lang/LC_MESSAGES/vaksam.mo" "$po"
done
