#!/usr/bin/env bash
# Vendor the dashboard's JavaScript libraries and basemap from the npm registry, at pinned versions, into
# src/warwatch/web/static/vendor/, and record each file's package, version, licence and sha256 in
# static/vendor/MANIFEST.json (tests/test_web_assets.py checks the committed files against it).
# Run it only to change a version; the dashboard needs no build step and no network at run time.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=src/warwatch/web/static/vendor
# package@version  then  path-in-package:destination (relative to $VENDOR), one per line
read -r -d '' FILES <<'LIST' || true
leaflet@1.9.4 package/dist/leaflet.js:leaflet/leaflet.js
leaflet@1.9.4 package/dist/leaflet.css:leaflet/leaflet.css
leaflet@1.9.4 package/LICENSE:leaflet/LICENSE
leaflet.markercluster@1.5.3 package/dist/leaflet.markercluster.js:markercluster/leaflet.markercluster.js
leaflet.markercluster@1.5.3 package/dist/MarkerCluster.css:markercluster/MarkerCluster.css
leaflet.markercluster@1.5.3 package/MIT-LICENCE.txt:markercluster/MIT-LICENCE.txt
topojson-client@3.1.0 package/dist/topojson-client.min.js:topojson-client/topojson-client.min.js
topojson-client@3.1.0 package/LICENSE:topojson-client/LICENSE
world-atlas@2.0.2 package/countries-50m.json:world-atlas/countries-50m.json
world-atlas@2.0.2 package/LICENSE:world-atlas/LICENSE
LIST

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
rm -rf "$VENDOR"
mkdir -p "$VENDOR"
declare -A UNPACKED
ENTRIES=()
while read -r spec mapping; do
  [ -n "$spec" ] || continue
  dir="$TMP/${spec//[@\/]/_}"
  if [ -z "${UNPACKED[$spec]:-}" ]; then
    mkdir -p "$dir"
    (cd "$dir" && npm pack --silent --json "$spec" > pack.json && tar xzf ./*.tgz)
    UNPACKED[$spec]=1
  fi
  src="${mapping%%:*}"
  dest="${mapping#*:}"
  mkdir -p "$VENDOR/$(dirname "$dest")"
  cp "$dir/$src" "$VENDOR/$dest"
  ENTRIES+=("$spec|$dir|$dest")
done <<< "$FILES"

python3 - "$VENDOR" "${ENTRIES[@]}" <<'PY'
import hashlib, json, sys
from pathlib import Path

vendor = Path(sys.argv[1])
files = []
for entry in sys.argv[2:]:
    spec, unpacked, dest = entry.split("|")
    name, version = spec.rsplit("@", 1)
    package = json.loads((Path(unpacked) / "package" / "package.json").read_text())
    pack = json.loads((Path(unpacked) / "pack.json").read_text())[0]
    assert package["version"] == version, (spec, package["version"])
    files.append({
        "path": dest,
        "package": name,
        "version": version,
        "license": package.get("license"),
        "tarball_integrity": pack["integrity"],
        "sha256": hashlib.sha256((vendor / dest).read_bytes()).hexdigest(),
    })
manifest = {
    "generated_by": "scripts/fetch_web_assets.sh",
    "source": "the npm registry (npm pack NAME@VERSION)",
    "files": files,
}
(vendor / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n")
print(f"vendored {len(files)} files into {vendor}")
PY
