#!/bin/sh
# Installs the Debian packages vaksam needs, but only when something is missing,
# so `make test` works on a fresh Debian 12 machine and costs nothing afterwards.
# With --check it only reports what is missing.
check=0
[ "$1" = "--check" ] && { check=1; shift; }
missing=""
for p in "$@"; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ $check = 1 ]; then
	echo "missing packages:$missing"
	exit 1
fi
echo "installing:$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || exit 1
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null || exit 1
