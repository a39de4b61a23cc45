# Finds a JDK >= 21 and exports PRECOND_JAVA_HOME; sourced by ./precond, ./mvnw and .ci/run.
# Looks at JAVA_HOME, then the java on PATH, then the usual install folders, so that a machine
# whose default java is older still works without set-up.

precond_jdk_feature() {
  # Prints the feature release (17, 21, 25, ...) of the JDK at $1, or nothing if it is not a JDK.
  local home=$1 version=
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -r "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release")
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  version=${version#1.}
  printf '%s\n' "${version%%[.+-]*}"
}

precond_find_jdk() {
  local min=21 candidate feature best= best_feature=0
  # JAVA_HOME, then the JDK on PATH, each taken when new enough.
  local preferred=("${JAVA_HOME:-}")
  if command -v javac >/dev/null 2>&1; then
    preferred+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for candidate in "${preferred[@]}"; do
    [ -n "$candidate" ] || continue
    feature=$(precond_jdk_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge "$min" ]; then
      export PRECOND_JAVA_HOME=$candidate
      return 0
    fi
  done
  # Otherwise the newest JDK in the usual install folders.
  for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    feature=$(precond_jdk_feature "$candidate")
    if [ -n "$feature" ] && [ "$feature" -ge "$min" ] && [ "$feature" -gt "$best_feature" ]; then
      best=$candidate; best_feature=$feature
    fi
  done
  if [ -z "$best" ]; then
    echo "precond: no JDK 21 or newer found (looked at JAVA_HOME, PATH and the usual install folders); install one or set JAVA_HOME" >&2
    return 1
  fi
  export PRECOND_JAVA_HOME=$best
}
