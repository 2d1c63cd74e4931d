#!/bin/bash
# The seed runbook's "Emergency Rollback Procedure" (../shared/seed/P3-007-rollback-runbook.md, Rollback Execution
# Procedures, 3.), its Git commands exactly; scripts/bench.sh times it against ./rollback run of
# dev.rollback.examples.SeedGitPlans#emergency. Steps 1 and 4 call gh (cancel the CI runs, read the last run's
# conclusion), which cannot reach GitHub from here: they are left out, marked "left out", on both sides.
echo "=== EMERGENCY P3-007 ROLLBACK ==="

# 1. Stop all current CI jobs
# gh run cancel --repo $GITHUB_REPOSITORY $(gh run list --limit 10 --json databaseId -q '.[].databaseId')   # left out

# 2. Revert to last known good state
git checkout main
git revert --no-edit HEAD~1  # Assuming last commit was P3-007

# 3. Force push (emergency only)
git push --force-with-lease origin main

# 4. Verify rollback
# gh run list --limit 1 --json conclusion   # left out
