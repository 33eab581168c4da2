#!/usr/bin/env bash
# Installs Vigie's package into a clean Debian root (debootstrap minbase, made once and kept
# as a tarball in target/debian/), runs `vigie --version` and `vigie doctor` there, checks
# the system user and the data folder, then purges the package and checks nothing is left.
# Also checks the service file with systemd-analyze. Needs root, debootstrap and the
# network to Debian's mirror the first time. Prints one line starting `deb-test:`.
#   bash packaging/test-deb.sh [PATH.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:-$(ls -t target/debian/vigie_*.deb 2>/dev/null | head -1)}
[ -f "$deb" ] || { echo "deb-test: no package (run bash packaging/deb.sh)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "deb-test: skipped, needs root" >&2; exit 77; }
command -v debootstrap >/dev/null || { echo "deb-test: skipped, needs debootstrap" >&2; exit 77; }
suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
base=target/debian/minbase-$suite.tar
if [ ! -f "$base" ]; then
    debootstrap --variant=minbase --make-tarball="$base" "$suite" target/debian/tarball-work \
        http://deb.debian.org/debian >/dev/null
    rm -rf target/debian/tarball-work
fi
root=$(mktemp -d /tmp/vigie-deb-root.XXXXXX)
trap 'umount "$root/proc" 2>/dev/null || true; rm -rf "$root"' EXIT
debootstrap --variant=minbase --unpack-tarball="$(realpath "$base")" "$suite" "$root" \
    http://deb.debian.org/debian >/dev/null
mount -t proc proc "$root/proc"
cp "$deb" "$root/tmp/vigie.deb"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }
in_root apt-get install -y -qq --no-install-recommends /tmp/vigie.deb >/dev/null
version=$(in_root vigie --version)
in_root getent passwd vigie >/dev/null || { echo "deb-test: no vigie user" >&2; exit 1; }
mode=$(in_root stat -c '%U %a' /var/lib/vigie)
[ "$mode" = "vigie 700" ] || { echo "deb-test: /var/lib/vigie is '$mode'" >&2; exit 1; }
set +e
doctor=$(in_root vigie --lang en --data-dir /var/lib/vigie doctor 2>&1)
doctor_code=$?
set -e
[ "$doctor_code" -le 1 ] || { echo "deb-test: doctor failed: $doctor" >&2; exit 1; }
echo "$doctor" | grep -q "What this box can do" || { echo "deb-test: doctor said: $doctor" >&2; exit 1; }
# The unit, as systemd reads it (its binary taken from the installed root).
unit=$(mktemp -d)/vigie.service
sed "s|^ExecStart=/usr/bin/vigie|ExecStart=$root/usr/bin/vigie|" "$root/lib/systemd/system/vigie.service" >"$unit"
verify="not checked (no systemd-analyze)"
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify "$unit"
    verify="verified"
fi
in_root dpkg --purge vigie >/dev/null
left=""
for p in /usr/bin/vigie /lib/systemd/system/vigie.service /etc/vigie /var/lib/vigie; do
    [ -e "$root$p" ] && left="$left $p"
done
in_root getent passwd vigie >/dev/null && left="$left user:vigie"
[ -z "$left" ] || { echo "deb-test: left after purge:$left" >&2; exit 1; }
lint="lintian not installed"
if command -v lintian >/dev/null; then
    lint="lintian: $( (lintian --no-tag-display-limit "$deb" 2>/dev/null || true) | grep -c '^[EW]:' || true) errors and warnings"
fi
echo "deb-test: $version installed in a clean $suite root, user vigie, /var/lib/vigie 0700, doctor exit $doctor_code, unit $verify, purged clean; $lint"
