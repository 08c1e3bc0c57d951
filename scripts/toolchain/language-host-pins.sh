# language-host-pins.sh — sourced by ensure-language-hosts.sh, never run: the
# versions of the Python, Go and YAML language hosts and of the Python and Go
# SDKs it installs, and the go.sum hashes they must match. Changing a version
# here changes the stamp, so the next run builds afresh. Module names, the go
# directive and the clipboard replace come from pulumi-pins.sh.

# Pinned versions, chosen once from what the registries serve (checked by
# hand on 2026-12-04, not probed on every run):
# * The Python and Go hosts have no tags on the Go proxy, like the Node.js
#   host; the one pseudo-version served is the commit of pkg/v3.163.0, the
#   same as pulumi-language-nodejs (LANGHOST_MODULE_VERSION). Their go.mod
#   files replace pkg/sdk by local paths, so each is built in a wrapper module
#   pinned to pkg/v3 and sdk/v3 v3.163.0, as the Node.js host is.
# * The Python host runs `pulumi-language-python-exec`, a Python script that
#   ships in the sdk/v3 module at python/cmd/. It is copied from sdk/v3
#   v3.163.0, the release of the host's own commit: the script and the host
#   agree on its arguments. (3.274.1's copy differs only in a parallelism
#   factor.)
# * pulumi-yaml v1.25.0 builds with what its go.mod requires, pkg/sdk
#   v3.206.0; with v3.274.1 it does not compile. It has no replace directives
#   of its own; the clipboard fork is replaced as for the CLI.
# * The Python SDK `pulumi` 3.272.0 is the newest on PyPI; the Go SDK sdk/v3
#   v3.276.0 is the newest on the Go proxy. Both are newer than the hosts;
#   they talk to them and to the engine (v3.274.1) over gRPC.
readonly HOSTS_PULUMI_RELEASE="3.163.0"
readonly HOSTS_MODULE_VERSION="v3.0.0-20250417110128-49fb14839a5a"
readonly PYTHON_HOST_MODULE="github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3"
readonly GO_HOST_MODULE="github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3"
readonly PYTHON_EXEC_SCRIPT="pulumi-language-python-exec"

readonly YAML_MODULE="github.com/pulumi/pulumi-yaml"
readonly YAML_VERSION="1.25.0"
readonly YAML_PULUMI_RELEASE="3.206.0"
readonly YAML_CMD_PKG="${YAML_MODULE}/cmd/pulumi-language-yaml"
readonly YAML_VERSION_VAR="${YAML_MODULE}/pkg/version.Version"

readonly PYTHON_SDK_VERSION="3.272.0"
# What `pip install` of an SDK from `pulumi package gen-sdk --language python`
# needs besides pulumi: its dependency parver (semver comes with pulumi) and
# its build backend, setuptools (pyproject.toml, or setup.py without
# `pyproject.enabled`), and wheel. Preinstalled and kept as wheels, so that
# the install needs no network at test time (--no-index).
readonly PYTHON_EXTRA_REQUIREMENTS="parver setuptools wheel"
readonly GO_SDK_VERSION="3.276.0"

# go.sum hashes of every module named above. The checksum database (through
# the proxy) knew all of them on 2026-12-04; they are pinned anyway, as the
# CLI's are, so a proxy answering with other bytes fails the build even with
# the checksum database switched off. Recorded from sum.golang.org lookups.
readonly HOSTS_GOSUM="github.com/pulumi/pulumi/pkg/v3 v3.163.0 h1:b9cwzffrRTWgawIkUdKfRqIyajAm4gdwHbYTJrpisms=
github.com/pulumi/pulumi/pkg/v3 v3.163.0/go.mod h1:/wRipYO0ZGehdQqTcT2t32gfYO95QvJCgN/hC0VXeGQ=
github.com/pulumi/pulumi/sdk/v3 v3.163.0 h1:yiT1nPelxXILVrN0yRn0I3NO8Yybba2IvWArYBstZJ8=
github.com/pulumi/pulumi/sdk/v3 v3.163.0/go.mod h1:GAaHrdv3kWJHbzkFFFflGbTBQXUYu6SF1ZCo+O9jo44=
${PYTHON_HOST_MODULE} ${HOSTS_MODULE_VERSION} h1:4JkTGfh7AMYWlngOHk1V5m3US5JQsphUsQBpfCCW5yg=
${PYTHON_HOST_MODULE} ${HOSTS_MODULE_VERSION}/go.mod h1:IhJFvQ3XHlTfik9Gmlw5A7KMGXOK+UMQuslTS0cuojA=
${GO_HOST_MODULE} ${HOSTS_MODULE_VERSION} h1:4V6DbJaLLSvOc9J/7ODqQEg892LaPD2JZtB9pKpHPI0=
${GO_HOST_MODULE} ${HOSTS_MODULE_VERSION}/go.mod h1:kle5wfWZA+tNa8M/8tBVk6yLE2kGqYtD3VEIpl8Vc6Y="

readonly YAML_GOSUM="${YAML_MODULE} v${YAML_VERSION} h1:fy/AKkIafzwtk/6Bj9KFXGj6uqYWGXY31UmLvhrfjqs=
${YAML_MODULE} v${YAML_VERSION}/go.mod h1:I+l11bfh/byXHkdht1ORjpJ5UGJFHln6LVi0UoH4ZXI=
github.com/pulumi/pulumi/pkg/v3 v3.206.0 h1:b4Xwg4RfTjmpcfkVOttdir10NNXRHYleFoz7BokpXWE=
github.com/pulumi/pulumi/pkg/v3 v3.206.0/go.mod h1:Pn3fPeCwQSxOn3rO5JjvlR5szp4jsLinlarlA9jhvoQ=
github.com/pulumi/pulumi/sdk/v3 v3.206.0 h1:DvEn8GiYwSCraOv+RkGHYFOvA2m7Y3peWAdgmuYknUY=
github.com/pulumi/pulumi/sdk/v3 v3.206.0/go.mod h1:UsBMdaUQ+WoKoQtF2PYbQIbo8ZRJuAo1axkyit9IQVE="

readonly GO_SDK_GOSUM="github.com/pulumi/pulumi/sdk/v3 v${GO_SDK_VERSION} h1:xkrmwkmAaHC2wilul4RTcPVrGfA6yQetstZpeQrvRWI=
github.com/pulumi/pulumi/sdk/v3 v${GO_SDK_VERSION}/go.mod h1:WnPO90tGSd4h5BDTfK4BeDZ/b2Rsq7bhZ2yEcfvScEc="
