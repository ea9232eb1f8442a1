#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# build.sh - install what debian/control lists as build dependencies (when
# something is missing), configure, then run "make TARGET".
#   ./build.sh check    the whole test suite
#   ./build.sh demo     the demo
set -eu
cd "$(dirname "$0")"

if ! command -v dpkg-checkbuilddeps >/dev/null 2>&1 ||
    ! dpkg-checkbuilddeps >/dev/null 2>&1; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "build.sh: error: build dependencies are missing" \
		    "(Build-Depends in debian/control); run as root to" \
		    "install them" >&2
		exit 2
	fi
	echo "build.sh: installing the build dependencies of debian/control" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get build-dep -y -qq -o Dpkg::Use-Pty=0 ./ >&2
fi

[ configure -nt configure.ac ] || autoreconf -fi
[ config.mk -nt configure ] && [ config.mk -nt config.mk.in ] || ./configure -q
exec make -j"$(nproc)" "${1:-all}"
