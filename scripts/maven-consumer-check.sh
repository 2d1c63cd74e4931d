#!/usr/bin/env bash
# Uses Rollback from Maven as a new user does, following the README's "Use it from Maven" section literally: the
# commands and files are the README's blocks marked <!-- maven-check: NAME -->, so the two cannot drift.
#
# Everything happens in a new temporary folder, with a private local repository ($work/m2) that starts empty, as on
# a fresh machine: Maven Central (or the mirror the user's settings.xml names) serves every plugin and dependency.
# ~/.m2/repository is neither read nor written. About 3 minutes on a quiet machine (14 at a load average of 35), most
# of it the install's build.
#
#  1. "install" runs in this repository, then "deploy" (with HOME pointing into the folder, where it deploys):
#     the library modules come with sources and Javadoc jars, the BOM and the parent with their poms, and
#     examples and benchmarks are neither installed nor deployed.
#  2. A consumer project made of "pom.xml" and "src/main/java/com/example/RevertP3007.java", built and run by
#     "build-and-run" (javac -Xlint:all -Werror) on a generated clone ../shop: the plan checks, renders, and the
#     Git preview finds the two P3-007 commits; the clone is unchanged; SLF4J found its provider. Run again without
#     slf4j-simple, it prints SLF4J's no-provider warning as the README quotes it.
#  3. One project per library module, declaring only that module and taking it from the deployed folder (what install
#     put in the local repository is removed first): the runtime jars Maven resolves are as many as
#     "dependency-table" says, and none is vavr; the rollback-core one also compiles "first-plan" (the README's
#     first plan, in a class) with -Xlint:all -Werror and runs it on exactly the class path it resolves.
#
# Usage: scripts/maven-consumer-check.sh      (needs mvn, java and git; run by scripts/test.sh after the build)
# Exit status: 0 when everything holds, 1 when something does not, 2 when the check could not run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
readme=$root/README.md
modules="rollback-core rollback-git rollback-docker rollback-github rollback-testkit"

log() { echo "[maven-consumer-check] $*" >&2; }
die() { log "$2"; exit "$1"; }

for tool in mvn java git awk; do
  command -v "$tool" >/dev/null || die 2 "needs $tool on the PATH"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/rollback-maven-check.XXXXXX")
mkdir -p "$work/logs" "$work/home"
finish() {
  local rc=$?
  rm -rf "$work/m2"
  if [ "$rc" -eq 0 ]; then
    rm -rf "$work"
  else
    log "FAILED; the projects and logs are kept in $work"
  fi
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The fenced block after <!-- maven-check: NAME --> in the README.
block() {
  awk -v want="<!-- maven-check: $1 -->" '
    $0 == want { state = 1; next }
    state == 1 && /^```/ { state = 2; next }
    state == 2 && /^```/ { found = 1; exit }
    state == 2 { print }
    END { if (!found) exit 1 }' "$readme" || die 2 "README.md has no fenced block after <!-- maven-check: $1 -->"
}

# The table after <!-- maven-check: dependency-table -->, as "module count" lines.
table() {
  awk '
    $0 == "<!-- maven-check: dependency-table -->" { state = 1; next }
    state == 1 && /^\|/ { state = 2 }
    state == 2 && !/^\|/ { exit }
    state == 2 {
      n = split($0, cell, "|"); name = cell[2]; count = cell[n - 1]
      gsub(/[ `]/, "", name); gsub(/ /, "", count)
      if (name ~ /^rollback-/ && count ~ /^[0-9]+$/) print name, count
    }' "$readme"
}

# Maven as the README's commands call it, with the private local repository.
mvn() {
  command mvn --no-transfer-progress -Dstyle.color=never -Dmaven.repo.local="$work/m2" "$@"
}

export work
export -f mvn

# Runs a README block in a folder; its output goes to a log, shown when it fails.
run_block() {
  local name=$1 dir=$2 logfile=$work/logs/$1.log script start
  script=$(block "$name")
  start=$(date +%s)
  # A bash of its own, so that the block stops at its first failing command.
  if ! (cd "$dir" && bash -euo pipefail -c "$script") >"$logfile" 2>&1; then
    tail -n 60 "$logfile" >&2
    die 1 "README block '$name' failed in $dir (log: $logfile)"
  fi
  log "$name: $(( $(date +%s) - start )) s"
}

fail() { log "$*"; failures=$((failures + 1)); }
failures=0
started=$(date +%s)

# 1. Install and deploy, from this repository.
run_block install "$root"
(export HOME=$work/home; run_block deploy "$root")
published=$work/home/rollback-repository/dev/rollback
installed=$work/m2/dev/rollback
for m in $modules; do
  for kind in .jar -sources.jar -javadoc.jar .pom; do
    compgen -G "$published/$m/*/$m-*$kind" >/dev/null || fail "deploy did not publish $m's $kind"
    compgen -G "$installed/$m/*/$m-*$kind" >/dev/null || fail "install did not install $m's $kind"
  done
done
for pom in rollback-bom rollback-parent; do
  for where in "$published" "$installed"; do
    file=$(compgen -G "$where/$pom/*/$pom-*.pom" | head -n 1) || { fail "no $pom pom in $where"; continue; }
    for element in '<licenses>' '<scm' '<url>' '<developers>'; do
      grep -q "$element" "$file" || fail "$file has no $element"
    done
  done
done
for m in examples benchmarks; do
  [ ! -e "$published/$m" ] || fail "deploy published $m"
  [ ! -e "$installed/$m" ] || fail "install installed $m"
done

# 2. The consumer project, run on a clone beside it.
consumer=$work/consumer
mkdir -p "$consumer/src/main/java/com/example"
block pom.xml >"$consumer/pom.xml"
block src/main/java/com/example/RevertP3007.java >"$consumer/src/main/java/com/example/RevertP3007.java"
shop=$work/shop
g() { git -C "$shop" -c user.name=Dev -c user.email=dev@example.com -c commit.gpgsign=false "$@"; }
git -c init.defaultBranch=main init -q "$shop"
printf 'run: pytest\n' >"$shop/ci.yml"; g add -A; g commit -q -m "Initial import"
printf 'run: docker\n' >"$shop/ci.yml"; g commit -q -a -m "P3-007: Run CI in Docker"
printf 'FROM python\n' >"$shop/Dockerfile.test"; g add -A; g commit -q -m "P3-007: Add Dockerfile.test"
bad=$(g log --format=%h --abbrev=7 --grep=P3-007)
shop_state() { g for-each-ref; g rev-parse HEAD; g status --porcelain --ignored; }
before=$(shop_state)
run_block build-and-run "$consumer"
out=$work/logs/build-and-run.log
grep -q "plan 'Revert P3-007' has no problems" "$out" || fail "the consumer's plan.check() did not print 'has no problems'"
grep -q '^# Revert P3-007$' "$out" || fail "the consumer's plan.toMarkdown() did not print the runbook's title"
grep -q '^```mermaid$' "$out" || fail "the consumer's runbook has no Mermaid flowchart"
grep -q '^# Preview: Revert P3-007' "$out" || fail "the consumer printed no preview"
for c in $bad; do
  grep -q "$c" "$out" || fail "the Git preview does not name P3-007 commit $c"
done
! grep -q '^## Problems' "$out" || fail "the Git preview lists problems: $(sed -n '/^## Problems/,/^## /p' "$out")"
! grep -q 'No SLF4J providers' "$out" || fail "SLF4J found no provider in the consumer"
grep -q 'INFO dev.rollback' "$out" || fail "no log line of the library reached slf4j-simple"
[ "$(shop_state)" = "$before" ] || fail "the preview changed the clone: $(shop_state)"
# Without the provider: SLF4J's warning, as the README quotes it, and the program still runs.
nolog=$work/logs/without-provider.log
if ! (cd "$consumer" && java -cp "target/classes:$(tr ':' '\n' <target/classpath.txt | grep -v '/slf4j-simple-' | paste -sd:)" \
    com.example.RevertP3007 ../shop) >"$nolog" 2>&1; then
  tail -n 30 "$nolog" >&2
  fail "the consumer does not run without slf4j-simple (log: $nolog)"
fi
grep -q '^SLF4J(W): No SLF4J providers were found.$' "$nolog" \
  || fail "without slf4j-simple, SLF4J did not print the warning the README quotes (log: $nolog)"
grep -q '^# Preview: Revert P3-007' "$nolog" || fail "without slf4j-simple, the consumer printed no preview"

# 3. One project per module: what each brings, and rollback-core alone running the first plan. They take Rollback
# from the deployed folder, listed in their <repositories> as the README says: what install put in the local
# repository goes first.
published_root=$work/home/rollback-repository
rm -rf "$installed"
deps=$work/deps
mkdir -p "$deps"
{
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
  echo '<groupId>com.example</groupId><artifactId>uses-each</artifactId><version>1</version><packaging>pom</packaging>'
  echo '<modules>'; for m in $modules; do echo "<module>$m</module>"; done; echo '</modules></project>'
} >"$deps/pom.xml"
# The BOM import and the compiler settings, as in the README's pom.
bom=$(block pom.xml | awk '/<dependencyManagement>/,/<\/dependencyManagement>/')
compiler=$(block pom.xml | awk '/<build>/,/<\/build>/')
for m in $modules; do
  mkdir -p "$deps/$m"
  {
    echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
    echo "<groupId>com.example</groupId><artifactId>uses-$m</artifactId><version>1</version>"
    echo '<properties><maven.compiler.release>17</maven.compiler.release>'
    echo '<project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>'
    echo "$bom"
    echo "<repositories><repository><id>rollback-files</id><url>file://$published_root</url></repository></repositories>"
    echo "<dependencies><dependency><groupId>dev.rollback</groupId><artifactId>$m</artifactId></dependency></dependencies>"
    echo "$compiler"
    echo '</project>'
  } >"$deps/$m/pom.xml"
done
first=$deps/rollback-core/src/main/java/FirstPlan.java
mkdir -p "$(dirname "$first")"
{
  block first-plan | grep '^import '
  echo 'public class FirstPlan {'
  echo '  public static void main(String[] args) {'
  block first-plan | grep -v '^import '
  echo '    System.out.println(plan.check());'
  echo '    System.out.println(plan.toMarkdown());'
  echo '  }'
  echo '}'
} >"$first"
start=$(date +%s)
if ! (cd "$deps" && mvn -B package dependency:tree -Dscope=runtime -DoutputFile=runtime-tree.txt \
    dependency:build-classpath -Dmdep.outputFile=classpath.txt) >"$work/logs/each-module.log" 2>&1; then
  tail -n 60 "$work/logs/each-module.log" >&2
  die 1 "the projects declaring one module each did not build (log: $work/logs/each-module.log)"
fi
log "each-module: $(( $(date +%s) - start )) s"
core=$deps/rollback-core
if ! (cd "$core" && java -cp "target/classes:$(cat classpath.txt)" FirstPlan) >"$work/logs/first-plan.log" 2>&1; then
  tail -n 30 "$work/logs/first-plan.log" >&2
  fail "the first plan does not run on rollback-core's class path alone (log: $work/logs/first-plan.log)"
fi
grep -q 'has no problems' "$work/logs/first-plan.log" || fail "the first plan's check() did not print 'has no problems'"
grep -q '^```mermaid$' "$work/logs/first-plan.log" || fail "the first plan did not render"
compgen -G "$installed/rollback-core/*/rollback-core-*.jar" >/dev/null \
  || fail "the projects did not take rollback-core from the deployed folder"
grep -qs 'rollback-files' "$installed"/rollback-core/*/_remote.repositories \
  || fail "rollback-core in the local repository did not come from the deployed folder (rollback-files)"
log "mvn dependency:tree of a project that declares only rollback-core:"
cat "$core/runtime-tree.txt" >&2
expected=$(table)
[ -n "$expected" ] || die 2 "README.md has no dependency table after <!-- maven-check: dependency-table -->"
for m in $modules; do
  tree=$deps/$m/runtime-tree.txt
  ! grep -q 'io\.vavr' "$tree" || fail "a project that declares $m gets vavr: $(grep 'io\.vavr' "$tree")"
  # The tree's first line is the project, the second the module.
  got=$(( $(grep -c . "$tree") - 2 ))
  want=$(awk -v m="$m" '$1 == m { print $2 }' <<<"$expected")
  if [ "$got" != "$want" ]; then
    fail "a project that declares $m gets $got jars besides $m's own; README's table says ${want:-nothing}:"
    sed 1,2d "$tree" >&2
  fi
done

if [ "$failures" -gt 0 ]; then
  die 1 "$failures check(s) failed"
fi
log "README's Maven section holds, $(( $(date +%s) - started )) s"
