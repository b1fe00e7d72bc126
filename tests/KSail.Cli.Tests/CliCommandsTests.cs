using System.Text.Json;
using KSail.Core;
using KSail.Testing;

namespace KSail.Cli.Tests;

/// <summary><c>ksail version</c> and <c>ksail completion</c>: help, exit codes, output.</summary>
public sealed class CliCommandsTests : IDisposable
{
    private readonly ScratchDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task Version_prints_the_version_and_the_runtime_as_text_or_json()
    {
        var help = await Ksail.RunAsync(dir.Path, "version", "--help");
        Assert.Equal(ExitCodes.Success, help.ExitCode);
        Assert.Contains("Show the version of KSail.NET", help.Output, StringComparison.Ordinal);
        Assert.Contains("--output", help.Output, StringComparison.Ordinal);

        var text = await Ksail.RunProcessAsync(dir.Path, "version");
        Assert.Equal(ExitCodes.Success, text.ExitCode);
        Assert.Matches(@"^ksail 0\.1\.0\S* \(\.NET 10\.\d+\.\d+, [a-z]+-[a-z0-9]+\)\s*$", text.Output);

        var json = await Ksail.RunProcessAsync(dir.Path, "version", "--output", "json");
        Assert.Equal(ExitCodes.Success, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        Assert.StartsWith("0.1.0", document.RootElement.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.StartsWith(".NET 10.", document.RootElement.GetProperty("runtime").GetString(), StringComparison.Ordinal);

        var wrong = await Ksail.RunAsync(dir.Path, "version", "--output", "yaml");
        Assert.Equal(ExitCodes.Usage, wrong.ExitCode);
    }

    [Fact]
    public async Task Result_lines_longer_than_80_columns_are_not_wrapped_when_the_output_is_redirected()
    {
        var name = "a-cluster-name-long-enough-that-the-whole-line-is-far-beyond-eighty-columns-" + Guid.NewGuid().ToString("N")[..8];

        var run = await Ksail.RunProcessAsync(dir.Path, "cluster", "delete", "--name", name);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"No cluster named '{name}' exists; nothing to delete.", run.Output.Trim());
    }

    [Theory]
    [InlineData("bash", "complete -o default -F _ksail_complete ksail")]
    [InlineData("zsh", "compdef _ksail ksail")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName ksail")]
    public async Task Completion_prints_a_script_that_asks_ksail_through_the_suggest_directive(string shell, string registration)
    {
        var script = await Ksail.RunProcessAsync(dir.Path, "completion", shell);
        Assert.Equal(ExitCodes.Success, script.ExitCode);
        Assert.Contains(registration, script.Output, StringComparison.Ordinal);
        Assert.Contains("[suggest:", script.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_help_names_the_shells_and_an_unknown_shell_is_a_usage_error()
    {
        var help = await Ksail.RunAsync(dir.Path, "completion", "--help");
        Assert.Equal(ExitCodes.Success, help.ExitCode);
        Assert.Contains("bash, zsh or PowerShell", help.Output, StringComparison.Ordinal);

        var fish = await Ksail.RunAsync(dir.Path, "completion", "fish");
        Assert.Equal(ExitCodes.Usage, fish.ExitCode);
        Assert.Contains("'fish' not recognized", fish.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_suggest_directive_the_scripts_use_names_the_commands()
    {
        var top = await Ksail.RunProcessAsync(dir.Path, "[suggest:6]", "ksail ");
        Assert.Equal(ExitCodes.Success, top.ExitCode);
        foreach (var command in new[] { "cluster", "completion", "project", "version" })
        {
            Assert.Contains(command, top.Output.Split('\n', StringSplitOptions.TrimEntries));
        }

        var cluster = await Ksail.RunProcessAsync(dir.Path, "[suggest:16]", "ksail cluster di");
        Assert.Equal(["diagnose"], cluster.Output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_bash_script_completes_in_a_real_bash()
    {
        // bash sources the script and runs its completion function as it would on Tab, with ksail the built program
        var program = Path.Combine(AppContext.BaseDirectory, "ksail.dll");
        var script = $$"""
            ksail() { dotnet "{{program}}" "$@"; }
            source <(ksail completion bash)
            COMP_LINE='ksail cluster li'; COMP_POINT=16; _ksail_complete; printf '%s\n' "${COMPREPLY[@]}"
            COMP_LINE='ksail cluster diagnose --o'; COMP_POINT=26; _ksail_complete; printf '%s\n' "${COMPREPLY[@]}"
            """;
        var output = await KSail.Testing.TestBed.ClusterChecks.RunAsync("bash", TestContext.Current.CancellationToken, "-c", script);
        Assert.Equal(["list", "--output"], output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_zsh_script_registers_with_compinit_and_completes_in_a_real_zsh()
    {
        // zsh loads its completion system, sources the script, and runs the completion function with the
        // line and cursor ZLE would give it; compadd (a ZLE builtin, not callable outside a widget) prints what it is given
        var program = Path.Combine(AppContext.BaseDirectory, "ksail.dll");
        var script = $$"""
            ksail() { dotnet "{{program}}" "$@"; }
            autoload -Uz compinit && compinit -u -D
            source <(ksail completion zsh)
            print -r -- "registered: ${_comps[ksail]}"
            compadd() { [[ $1 == -- ]] && shift; print -l -- "$@"; }
            BUFFER='ksail cluster li'; CURSOR=16; _ksail
            BUFFER='ksail cluster diagnose --o'; CURSOR=26; _ksail
            """;
        var output = await KSail.Testing.TestBed.ClusterChecks.RunAsync("zsh", TestContext.Current.CancellationToken, "-fc", script);
        Assert.Equal(["registered: _ksail", "list", "--output"], output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_pwsh_script_registers_a_native_completer_and_completes_in_a_real_pwsh()
    {
        // PowerShell (the dotnet tool, installed by tests/testbed/ci-prepare.sh) loads the script as
        // README says and completes as on Tab (TabExpansion2), with ksail a program on PATH
        var program = Path.Combine(AppContext.BaseDirectory, "ksail.dll");
        var ksail = Path.Combine(dir.Path, "ksail");
        await File.WriteAllTextAsync(ksail, $"#!/bin/sh\nexec dotnet '{program}' \"$@\"\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(ksail, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var script = $$"""
            Set-Location '{{dir.Path}}'
            $env:PATH = '{{dir.Path}}' + [IO.Path]::PathSeparator + $env:PATH
            function Complete($line) { (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText }
            "before: [$((Complete 'ksail cluster li') -join ',')]"
            ksail completion pwsh | Out-String | Invoke-Expression
            Complete 'ksail cluster li'
            Complete 'ksail cluster diagnose --o'
            """;
        var output = await KSail.Testing.TestBed.ClusterChecks.RunAsync("pwsh", TestContext.Current.CancellationToken, "-NoProfile", "-NonInteractive", "-Command", script);
        Assert.Equal(["before: []", "list", "--output"], output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
    }
}
