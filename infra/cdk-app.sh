#!/usr/bin/env bash
# What cdk.json runs: packages the infra module (and only it) and runs the CDK app from its jars.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
../mvnw -B -q -f ../pom.xml -pl infra -DskipTests package >&2
exec java -cp "$(ls target/infra-*.jar | head -n 1):$(cat target/classpath.txt)" io.bidsift.infra.BidSiftApp
