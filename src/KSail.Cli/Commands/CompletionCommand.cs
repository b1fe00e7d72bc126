using System.CommandLine;
using KSail.Core;

namespace KSail.Cli.Commands;

/// <summary>
/// <c>ksail completion bash|zsh|pwsh</c>: a script that makes the shell complete ksail's commands
/// and options. Each script asks ksail itself through System.CommandLine's <c>[suggest:POSITION]</c>
/// directive (the protocol of dotnet-suggest), so completions always match the installed version.
/// </summary>
internal static class CompletionCommand
{
    private const string Bash = """
        # ksail completion for bash. Load it with: source <(ksail completion bash)
        _ksail_complete() {
            local IFS=$'\n'
            COMPREPLY=($(ksail "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null))
        }
        complete -o default -F _ksail_complete ksail
        """;

    private const string Zsh = """
        #compdef ksail
        # ksail completion for zsh. Load it with: source <(ksail completion zsh)
        _ksail() {
            local -a completions
            completions=("${(@f)$(ksail "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            compadd -- "${(@)completions:#}"
        }
        compdef _ksail ksail
        """;

    private const string PowerShell = """
        # ksail completion for PowerShell. Load it with: ksail completion pwsh | Out-String | Invoke-Expression
        Register-ArgumentCompleter -Native -CommandName ksail -ScriptBlock {
            param($wordToComplete, $commandAst, $cursorPosition)
            $line = $commandAst.ToString()
            $position = $cursorPosition - $commandAst.Extent.StartOffset
            if ($line.Length -lt $position) { $line = $line.PadRight($position) }
            ksail "[suggest:$position]" "$line" 2>$null | ForEach-Object {
                [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
            }
        }
        """;

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("shell") { Description = "The shell: bash, zsh or pwsh." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "pwsh");
        var command = new Command("completion", "Print the shell completion script for bash, zsh or PowerShell (pwsh).") { shell };

        // A script for a shell, not an action: no tool.
        command.ExcludeFromTools();
        command.SetAction(parse =>
        {
            var script = parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => PowerShell,
            };
            context.WriteLine(script.ReplaceLineEndings("\n"));
            return ExitCodes.Success;
        });
        return command;
    }
}
