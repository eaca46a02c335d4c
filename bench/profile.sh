#!/usr/bin/env bash
# CPU profile of a running JVM (docs/benchmarks.md): async-profiler from Maven Central, loaded into the
# process with the JDK attach API (jcmd's JVMTI.agent_load cannot pass options containing '='),
# sampled every millisecond for SECONDS, written as collapsed stacks (one "frame;frame;... count" a line).
#
# usage: bench/profile.sh PID SECONDS OUT
set -euo pipefail
[[ $# -eq 3 ]] || { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
pid="$1" seconds="$2" out="$(realpath -m "$3")"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=4.1
jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
[[ -f "$jar" ]] || "$ROOT/mvnw" -q dependency:get -Dartifact="tools.profiler:async-profiler:$version"
work="$(mktemp -d -t profile.XXXXXX)"
trap 'rm -rf "$work"' EXIT
unzip -q -o "$jar" 'linux-x64/*' -d "$work"
cat > "$work/Attach.java" <<'JAVA'
public class Attach {
  public static void main(String[] a) throws Exception {
    com.sun.tools.attach.VirtualMachine vm = com.sun.tools.attach.VirtualMachine.attach(a[0]);
    vm.loadAgentPath(a[1], a[2]);
    vm.detach();
  }
}
JAVA
lib="$work/linux-x64/libasyncProfiler.so"
java "$work/Attach.java" "$pid" "$lib" "start,event=cpu,interval=1ms"
sleep "$seconds"
java "$work/Attach.java" "$pid" "$lib" "stop,file=$out,collapsed"
echo "profile: $out ($(awk '{s += $NF} END {print s}' "$out") samples)"
