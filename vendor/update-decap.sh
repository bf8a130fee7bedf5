#!/bin/sh
# Vendor Decap CMS from its npm package (the browser editor, focusbuild/editor/).
# The build copies these files into OUTPUT/site/admin/; nothing is ever loaded from
# a CDN and the build never touches the network. Usage: vendor/update-decap.sh 3.16.3
set -eu
version="$1"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "decap-cms@$version" >/dev/null && tar xzf decap-cms-*.tgz)
rm -f "$here"/decap-cms/*.js
cp "$work"/package/dist/*decap-cms.js "$here/decap-cms/"
echo "$version" > "$here/decap-cms/VERSION"
echo "decap-cms $version: $(ls "$here"/decap-cms/*.js | wc -l) files"
