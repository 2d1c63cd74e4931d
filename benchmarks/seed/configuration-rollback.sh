#!/bin/bash
# The seed runbook's "Configuration Rollback" (../shared/seed/P3-007-rollback-runbook.md, Rollback Execution
# Procedures, 1.), its commands exactly; scripts/bench.sh times it against ./rollback run of
# dev.rollback.examples.SeedGitPlans#configuration. The seed stops after the checkouts, leaving the restored files
# staged; the last two lines, marked "added", commit them and push the branch, as the plan does, so that both end
# with the same tree on the same branch of origin.

# Rollback to previous CI configuration
# 1. Identify last stable commit
LAST_STABLE_COMMIT=$(git log --oneline --grep="P3-007" | tail -1 | cut -d' ' -f1)
echo "Last stable commit: $LAST_STABLE_COMMIT"

# 2. Create rollback branch
git checkout -b rollback-p3-007-$(date +%Y%m%d)
git revert --no-edit $LAST_STABLE_COMMIT

# 3. Rollback key files
git checkout $LAST_STABLE_COMMIT -- .github/workflows/ci.yml
git checkout $LAST_STABLE_COMMIT -- docker-compose.test.yml
git checkout $LAST_STABLE_COMMIT -- Dockerfile.test
git checkout $LAST_STABLE_COMMIT -- scripts/run_docker_tests.sh

git commit -q -m "Restore the CI configuration"                      # added
git push --force-with-lease origin rollback-p3-007-$(date +%Y%m%d)   # added
