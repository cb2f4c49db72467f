#!/bin/sh
# The side-by-side harness in one command, from anywhere: builds what it runs (offline; drop -o
# once if Maven has not downloaded aws-serverless-java-container yet), then runs every section
# and prints the table. Arguments go to SideBySide: --quick (a smoke run), --only check,cold, …
# See benchmarks/README.md.
set -e
cd "$(dirname "$0")/.."
S=benchmarks/side-by-side
mvn -o -q package -DskipTests \
  -pl "benchmarks,$S/driver,$S/sjc-echo,$S/ceh-echo,$S/sjc-books,samples/books" -am
exec java -cp benchmarks/target/benchmarks.jar \
  io.github.cloudeventshandler.benchmarks.SideBySide "$@"
