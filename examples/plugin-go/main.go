// GitHub secrets and variables from a Go program, through the github-secrets plugin.
//
// Set up (README, "Python, Go and YAML programs"):
//
//	pulumi package add <plugin directory>
//	pulumi config set --secret github-secrets:token ghp_...
//	pulumi config set github-secrets:owner my-org
//	pulumi config set --secret repoValue ...   # and environmentValue, orgValue; variableValue plain
//	export DEPLOY_KEY=...                      # read by the provider at deploy time, never stored
package main

import (
	githubsecrets "example.com/pulumi-github-secrets/sdk/go/githubsecrets"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		if _, err := githubsecrets.NewRepoSecret(ctx, "repoSecret", &githubsecrets.RepoSecretArgs{
			Repository: pulumi.String("app"),
			SecretName: pulumi.String("PLUGIN_REPO_SECRET"),
			Value:      cfg.RequireSecret("repoValue"),
		}); err != nil {
			return err
		}
		if _, err := githubsecrets.NewEnvironmentSecret(ctx, "environmentSecret", &githubsecrets.EnvironmentSecretArgs{
			Repository:  pulumi.String("app"),
			Environment: pulumi.String("production"),
			SecretName:  pulumi.String("PLUGIN_ENVIRONMENT_SECRET"),
			Value:       cfg.RequireSecret("environmentValue"),
		}); err != nil {
			return err
		}
		if _, err := githubsecrets.NewOrgSecret(ctx, "orgSecret", &githubsecrets.OrgSecretArgs{
			SecretName:           pulumi.String("PLUGIN_ORG_SECRET"),
			Value:                cfg.RequireSecret("orgValue"),
			SelectedRepositories: pulumi.Array{pulumi.String("app"), pulumi.String("api")},
		}); err != nil {
			return err
		}
		variable, err := githubsecrets.NewRepoVariable(ctx, "variable", &githubsecrets.RepoVariableArgs{
			Repository:   pulumi.String("app"),
			VariableName: pulumi.String("PLUGIN_VARIABLE"),
			Value:        pulumi.String(cfg.Require("variableValue")),
			OnDrift:      pulumi.String("fail"),
		})
		if err != nil {
			return err
		}
		if _, err := githubsecrets.NewEnvironmentSecret(ctx, "sourcedSecret", &githubsecrets.EnvironmentSecretArgs{
			Repository:  pulumi.String("app"),
			Environment: pulumi.String("production"),
			SecretName:  pulumi.String("PLUGIN_SOURCED_SECRET"),
			ValueFrom:   &githubsecrets.ValueSourceArgs{Env: pulumi.String("DEPLOY_KEY")},
		}); err != nil {
			return err
		}
		ctx.Export("variableUpdatedAt", variable.UpdatedAt)
		return nil
	})
}
