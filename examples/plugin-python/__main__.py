"""GitHub secrets and variables from a Python program, through the github-secrets plugin.

Set up (README, "Python, Go and YAML programs"):
    pulumi package add <plugin directory>
    pulumi config set --secret github-secrets:token ghp_...
    pulumi config set github-secrets:owner my-org
    pulumi config set --secret repoValue ...   # and environmentValue, orgValue; variableValue plain
    export DEPLOY_KEY=...                      # read by the provider at deploy time, never stored
"""

import pulumi
import pulumi_github_secrets as github_secrets

config = pulumi.Config()

github_secrets.RepoSecret(
    "repoSecret",
    repository="app",
    secret_name="PLUGIN_REPO_SECRET",
    value=config.require_secret("repoValue"),
)

github_secrets.EnvironmentSecret(
    "environmentSecret",
    repository="app",
    environment="production",
    secret_name="PLUGIN_ENVIRONMENT_SECRET",
    value=config.require_secret("environmentValue"),
)

github_secrets.OrgSecret(
    "orgSecret",
    secret_name="PLUGIN_ORG_SECRET",
    value=config.require_secret("orgValue"),
    selected_repositories=["app", "api"],
)

variable = github_secrets.RepoVariable(
    "variable",
    repository="app",
    variable_name="PLUGIN_VARIABLE",
    value=config.require("variableValue"),
    on_drift="fail",
)

github_secrets.EnvironmentSecret(
    "sourcedSecret",
    repository="app",
    environment="production",
    secret_name="PLUGIN_SOURCED_SECRET",
    value_from=github_secrets.ValueSourceArgs(env="DEPLOY_KEY"),
)

pulumi.export("variableUpdatedAt", variable.updated_at)
