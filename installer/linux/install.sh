#!/bin/sh
# Install CPI Quote for the current user (default) or system-wide, from the unpacked tarball:
#
#   ./install.sh                        into ~/.local: ~/.local/opt/cpiquote, ~/.local/bin/cpiquote, menu entry, icons
#   sudo PREFIX=/usr/local ./install.sh for every user of the machine
#
# Running it again upgrades: the previous copy of the app folder is replaced as a whole.
# Remove with PREFIX/opt/cpiquote/uninstall.sh (the same PREFIX).
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-"$HOME/.local"}
APP_DIR="$PREFIX/opt/cpiquote"
BIN_DIR="$PREFIX/bin"
SHARE="$PREFIX/share"

case "$APP_DIR" in
    *[\"\`\$\\\|\&%]*)
        echo "install.sh: $APP_DIR holds one of \" \` \$ \\ | & %, which a menu entry cannot start from; choose another PREFIX" >&2
        exit 1 ;;
esac

if [ ! -x "$HERE/cpiquote/cpiquote" ]; then
    echo "install.sh: $HERE/cpiquote/cpiquote is missing; run this script from the unpacked cpiquote tarball" >&2
    exit 1
fi

# Our command links replace only our own links (or nothing): never a cpiquote command installed some other way.
for name in cpiquote cpiquote-cli; do
    link="$BIN_DIR/$name"
    if [ -e "$link" ] || [ -L "$link" ]; then
        if ! { [ -L "$link" ] && [ "$(readlink "$link")" = "$APP_DIR/$name" ]; }; then
            echo "install.sh: $link exists and is not CPI Quote's link (a pip or package install?); remove it, or install with another PREFIX" >&2
            exit 1
        fi
    fi
done

mkdir -p "$PREFIX/opt" "$BIN_DIR" "$SHARE/applications"
# Copy beside the old folder first and swap, so a failed copy leaves the installed version working.
rm -rf "$APP_DIR.new"
cp -R "$HERE/cpiquote" "$APP_DIR.new"
cp "$HERE/uninstall.sh" "$APP_DIR.new/uninstall.sh"  # it finds PREFIX from where it is: PREFIX/opt/cpiquote/
chmod 755 "$APP_DIR.new/uninstall.sh"
rm -rf "$APP_DIR"
mv "$APP_DIR.new" "$APP_DIR"

ln -sf "$APP_DIR/cpiquote" "$BIN_DIR/cpiquote"
ln -sf "$APP_DIR/cpiquote-cli" "$BIN_DIR/cpiquote-cli"

# The menu entry starts the app by its full path: ~/.local/bin is not on every desktop session's PATH. Exec takes
# the path in double quotes (a home folder may hold a space); TryExec takes it as it is.
sed -e "s|^Exec=.*|Exec=\"$APP_DIR/cpiquote\"|" -e "s|^TryExec=.*|TryExec=$APP_DIR/cpiquote|" \
    "$HERE/share/applications/cpiquote.desktop" > "$SHARE/applications/cpiquote.desktop"
chmod 644 "$SHARE/applications/cpiquote.desktop"

for icon in "$HERE"/share/icons/hicolor/*/apps/cpiquote.*; do
    size_dir=$(basename "$(dirname "$(dirname "$icon")")")
    mkdir -p "$SHARE/icons/hicolor/$size_dir/apps"
    cp "$icon" "$SHARE/icons/hicolor/$size_dir/apps/"
done

# Refresh the menu and icon caches where the tools exist; desktops pick the files up without them too.
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$SHARE/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true

echo "CPI Quote installed in $APP_DIR"
echo "Start it from the applications menu, or run: $BIN_DIR/cpiquote"
echo "Check the installation with: $BIN_DIR/cpiquote self-test"
case ":$PATH:" in
    *":$BIN_DIR:"*) ;;
    *) echo "Note: $BIN_DIR is not on your PATH; add it to run cpiquote by name." ;;
esac
