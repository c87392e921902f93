#!/usr/bin/env bash
# Wrap "dist/CPI Quote.app" (built on a Mac by `python installer/build.py`) in dist/cpiquote-<version>-macos.dmg,
# a disk image with the app and a link to /Applications for drag-and-drop install.
#
#   python installer/build.py --package     builds the app, self-tests it, then runs this script
#   bash installer/macos/make_dmg.sh        the disk image alone, from an existing build
#
# Signing and notarisation (optional, needs an Apple Developer ID): set CODESIGN_IDENTITY to
# "Developer ID Application: Your Company (TEAMID)" and NOTARY_PROFILE to a profile stored with
# `xcrun notarytool store-credentials`; without them the image is unsigned and Gatekeeper asks users to
# confirm the first start (right-click > Open).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
APP="$ROOT/dist/CPI Quote.app"
if [[ ! -d "$APP" ]]; then
    echo "make_dmg.sh: $APP is missing; run python installer/build.py on this Mac first" >&2
    exit 1
fi
VERSION=$(/usr/libexec/PlistBuddy -c "Print :CFBundleShortVersionString" "$APP/Contents/Info.plist")
DMG="$ROOT/dist/cpiquote-$VERSION-macos.dmg"

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
ditto "$APP" "$STAGE/CPI Quote.app"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "CPI Quote $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"

if [[ -n "${CODESIGN_IDENTITY:-}" ]]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
    if [[ -n "${NOTARY_PROFILE:-}" ]]; then
        xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
    fi
fi
echo "wrote $DMG"
