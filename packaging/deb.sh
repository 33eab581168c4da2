#!/usr/bin/env bash
# Builds Vigie's Debian package with Debian's own tools (dpkg-deb, dpkg-shlibdeps):
#   bash packaging/deb.sh            -> target/debian/vigie_VERSION_ARCH.deb
# A stripped release binary; the `vigie` system user (postinst); vigie.service running as
# that user with CAP_NET_RAW and CAP_NET_ADMIN only; data in /var/lib/vigie, settings in
# /etc/vigie; a clean remove (cases kept) and purge (everything gone).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is needed (Debian's dpkg)" >&2; exit 2; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
arch=$(dpkg --print-architecture)
cargo build --release --locked -p vigie
root=target/debian/root
rm -rf "$root" && mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/lib/systemd/system" \
    "$root/etc/vigie" "$root/usr/share/doc/vigie"
install -m 0755 -s target/release/vigie "$root/usr/bin/vigie"
install -m 0644 packaging/vigie.service "$root/lib/systemd/system/vigie.service"
install -m 0644 packaging/vigie.env "$root/etc/vigie/vigie.env"
install -m 0644 README.md "$root/usr/share/doc/vigie/README.md"
install -m 0644 packaging/debian/copyright "$root/usr/share/doc/vigie/copyright"
printf 'vigie (%s) unstable; urgency=medium\n\n  * Built from the project'"'"'s sources.\n\n -- Vigie developers <vigie@example.org>  %s\n' \
    "$version" "$(date -R)" | gzip -9n >"$root/usr/share/doc/vigie/changelog.gz"
for s in postinst prerm postrm; do install -m 0755 "packaging/debian/$s" "$root/DEBIAN/$s"; done
install -m 0644 packaging/debian/conffiles "$root/DEBIAN/conffiles"
# The shared libraries the binary links to, as Debian packages.
depends=$(
    mkdir -p target/debian/shlibs/debian && cd target/debian/shlibs &&
    : >debian/control && dpkg-shlibdeps -O "../root/usr/bin/vigie" 2>/dev/null |
    sed -n 's/^shlibs:Depends=//p'
)
depends=${depends:-libc6}
size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@DEPENDS@/$depends/" \
    -e "s/@SIZE@/$size/" packaging/debian/control >"$root/DEBIAN/control"
out="target/debian/vigie_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$out" >/dev/null
echo "$out"
