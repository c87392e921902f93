#!/bin/sh
# Remove CPI Quote installed by install.sh: the app folder, the command links, the menu entry and the icons.
# Settings (~/.config/CPI Quote/) and quotes you saved are kept; delete them yourself if you want them gone.
#
#   ~/.local/opt/cpiquote/uninstall.sh            for an install into ~/.local
#   sudo /usr/local/opt/cpiquote/uninstall.sh     for a system-wide one
set -eu

# Installed as PREFIX/opt/cpiquote/uninstall.sh: it removes the install it belongs to, whoever runs it.
PREFIX=$(cd "$(dirname "$0")/../.." && pwd)
APP_DIR="$PREFIX/opt/cpiquote"
SHARE="$PREFIX/share"

for link in "$PREFIX/bin/cpiquote" "$PREFIX/bin/cpiquote-cli"; do
    # Only our own links: never a cpiquote command installed some other way (pip, a package manager).
    if [ -L "$link" ] && [ "$(readlink "$link")" = "$APP_DIR/$(basename "$link")" ]; then
        rm -f "$link"
    fi
done
rm -f "$SHARE/applications/cpiquote.desktop"
rm -f "$SHARE"/icons/hicolor/*/apps/cpiquote.png "$SHARE"/icons/hicolor/scalable/apps/cpiquote.svg
rm -rf "$APP_DIR"

command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
[ -d "$SHARE/icons/hicolor" ] && command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true

echo "CPI Quote removed from $APP_DIR (settings in ~/.config/CPI Quote/ are kept)"
