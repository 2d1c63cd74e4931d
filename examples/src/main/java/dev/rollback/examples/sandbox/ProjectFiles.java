package dev.rollback.examples.sandbox;

/** The files of the sandbox project, before and after the P3-007 change. */
final class ProjectFiles {

  private ProjectFiles() {}

  static final String CI_BEFORE = """
      name: CI
      on:
        push:
          branches: [main]
        pull_request:
        workflow_dispatch:
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - uses: actions/setup-python@v5
              with:
                python-version: "3.11"
            - run: pip install -r requirements.txt
            - run: pytest --junitxml=reports/junit.xml
      """;

  static final String CI_AFTER = """
      name: CI
      on:
        push:
          branches: [main]
        pull_request:
        workflow_dispatch:
      jobs:
        test:
          runs-on: ubuntu-latest
          steps:
            - uses: actions/checkout@v4
            - name: Run tests in Docker (P3-007)
              run: scripts/run_docker_tests.sh
      """;

  static final String COMPOSE = """
      services:
        test:
          build:
            context: .
            dockerfile: Dockerfile.test
          command: ["sh", "scripts/run_tests.sh"]
          working_dir: /app
          environment:
            TEST_MODE: docker
          volumes:
            - ./:/app:ro
          network_mode: none
      """;

  static final String DOCKERFILE = """
      FROM rollback-test/busybox:latest
      WORKDIR /app
      COPY . /app
      """;

  static final String RUN_DOCKER_TESTS = """
      #!/bin/sh
      # P3-007: run the test suite inside the test container.
      set -e
      docker compose -f docker-compose.test.yml run --rm test
      """;

  static final String RUN_TESTS = """
      #!/bin/sh
      # Runs the test suite and prints a summary; writes the JUnit report (what pytest --junitxml writes) and the
      # line coverage (what pytest --cov --cov-report=xml writes, Cobertura's format) under reports/.
      set -e
      count=$(find tests -name 'test_*.py' | wc -l | tr -d ' ')
      echo "collected $count tests"
      mkdir -p reports
      {
        echo '<?xml version="1.0" encoding="utf-8"?>'
        printf '<testsuites><testsuite name="pytest" tests="%s" failures="0" errors="0" skipped="0">\\n' "$count"
        for t in $(find tests -name 'test_*.py' | sort); do
          printf '<testcase classname="%s" name="test" time="0.01"/>\\n' "$t"
        done
        echo '</testsuite></testsuites>'
      } > reports/junit.xml
      echo "all tests passed"
      """;

  static final String COVERAGE = """
      #!/bin/sh
      # Runs the tests with coverage: what `pytest --cov=. --cov-report=xml:reports/coverage.xml` writes.
      set -e
      sh scripts/run_tests.sh
      cat > reports/coverage.xml <<'XML'
      <?xml version="1.0" ?>
      <coverage version="7.6.1" lines-valid="1200" lines-covered="1044" line-rate="0.87" branch-rate="0" branches-valid="0" branches-covered="0" complexity="0" timestamp="0">
        <sources><source>.</source></sources>
        <packages/>
      </coverage>
      XML
      echo "TOTAL 1200 156 87%"
      """;

  static final String GITIGNORE = "reports/\n.rollback/\n";

  static final String BENCHMARK = """
      #!/bin/sh
      # Prints the test execution time the CI pipeline would take.
      if [ -f docker-compose.test.yml ]; then
        echo "Total Time: 195s"
      else
        echo "Total Time: 118s"
      fi
      """;

  static final String BENCHMARK_CURRENT = """
      #!/bin/sh
      # Prints the test execution time of the CI configuration checked out now.
      exec sh scripts/benchmark_performance.sh
      """;

  static final String MAKEFILE = """
      .PHONY: quick-check pre-push coverage
      quick-check:
      \tsh scripts/run_tests.sh
      pre-push: quick-check
      \tsh scripts/benchmark_performance.sh
      coverage:
      \tsh scripts/coverage.sh
      """;

  static final String BASELINE = """
      {
        "test_execution_time": 120,
        "line_coverage": 0.85,
        "ci_success_rate": 0.98
      }
      """;

  static final String REQUIREMENTS = "pytest==8.3.3\n";

  static String readme(String name) {
    return "# " + name + "\n\nA sample service whose CI moved test execution into Docker in change P3-007.\n";
  }

  static String module(int n, int revision) {
    StringBuilder b = new StringBuilder();
    b.append("\"\"\"Module ").append(n).append(".\"\"\"\n\n");
    b.append("VERSION = ").append(revision).append("\n\n");
    b.append("def handle_").append(n).append("(request):\n");
    b.append("    return {\"module\": ").append(n).append(", \"status\": \"ok\"}\n");
    return b.toString();
  }

  static String test(int n) {
    return "from app.pkg" + (n % 40) + ".module_" + n + " import handle_" + n + "\n\n"
        + "def test_handle_" + n + "():\n    assert handle_" + n + "({})[\"status\"] == \"ok\"\n";
  }
}
