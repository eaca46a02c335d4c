#!/usr/bin/env bash
# Assembles the Docker build context of one image in docker/build/<image>/:
#   app/*.jar   the module's thin jar plus every jar of its runtime classpath (target/classpath.txt,
#               which every module writes at package)
#   the files of docker/<image>/ (Dockerfile, scripts)
# Usage: docker/build-context.sh IMAGE   (IMAGE: auction-server, bid-filter, dsp-simulator, training, tools)
# Then:  docker build -t bidsift/IMAGE docker/build/IMAGE
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image="${1:?usage: docker/build-context.sh IMAGE}"
case "$image" in
  auction-server) module=auction-server ;;
  bid-filter) module=bid-filter ;;
  dsp-simulator) module=dsp-simulator ;;
  training) module=training-pipeline ;;
  tools) module=model-sync ;;
  *) echo "build-context: unknown image '$image'" >&2; exit 2 ;;
esac

target="$ROOT/$module/target"
jar="$(ls "$target/$module"-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1 || true)"
if [[ -z "$jar" || ! -f "$target/classpath.txt" ]]; then
  echo "build-context: $module is not packaged; run ./mvnw -B -DskipTests package -pl $module -am" >&2
  exit 1
fi

out="$ROOT/docker/build/$image"
rm -rf "$out"
mkdir -p "$out/app"
cp "$jar" "$out/app/"
IFS=':' read -r -a deps < "$target/classpath.txt"
for dep in "${deps[@]}"; do
  [[ -n "$dep" ]] && cp "$dep" "$out/app/"
done
cp -R "$ROOT/docker/$image/." "$out/"
echo "docker/build/$image: $(find "$out/app" -name '*.jar' | wc -l) jars"
