using System.Text;

namespace KSail.Core.Processes;

/// <summary>
/// Splits a Windows command line into arguments as the C runtime does for <c>main</c>'s argv
/// (and <c>CommandLineToArgvW</c> for what follows the program name): whitespace separates
/// arguments outside quotes; <c>2n</c> backslashes before a quote are <c>n</c> backslashes and the
/// quote toggles quoting; <c>2n+1</c> backslashes before a quote are <c>n</c> backslashes and a
/// literal quote; backslashes elsewhere are literal; <c>""</c> inside quotes is a literal quote.
/// The program name (the first argument) ends at the first whitespace outside quotes and takes
/// backslashes literally.
/// </summary>
internal static class WindowsCommandLine
{
    /// <summary>The arguments of <paramref name="commandLine"/>, the program first.</summary>
    public static IReadOnlyList<string> Split(string commandLine)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var arguments = new List<string>();
        var i = 0;
        var n = commandLine.Length;

        // The program: quotes group, backslashes are path separators.
        var program = new StringBuilder();
        var quoted = false;
        for (; i < n && (quoted || !char.IsWhiteSpace(commandLine[i])); i++)
        {
            if (commandLine[i] == '"')
            {
                quoted = !quoted;
            }
            else
            {
                program.Append(commandLine[i]);
            }
        }

        if (program.Length > 0)
        {
            arguments.Add(program.ToString());
        }

        while (true)
        {
            while (i < n && char.IsWhiteSpace(commandLine[i]))
            {
                i++;
            }

            if (i >= n)
            {
                return arguments;
            }

            var argument = new StringBuilder();
            quoted = false;
            while (i < n && (quoted || !char.IsWhiteSpace(commandLine[i])))
            {
                var backslashes = 0;
                while (i < n && commandLine[i] == '\\')
                {
                    backslashes++;
                    i++;
                }

                if (i < n && commandLine[i] == '"')
                {
                    argument.Append('\\', backslashes / 2);
                    if (backslashes % 2 == 1)
                    {
                        argument.Append('"');
                    }
                    else if (quoted && i + 1 < n && commandLine[i + 1] == '"')
                    {
                        argument.Append('"'); // "" inside quotes
                        i++;
                    }
                    else
                    {
                        quoted = !quoted;
                    }

                    i++;
                }
                else
                {
                    argument.Append('\\', backslashes);
                    if (i < n && (quoted || !char.IsWhiteSpace(commandLine[i])))
                    {
                        argument.Append(commandLine[i]);
                        i++;
                    }
                }
            }

            arguments.Add(argument.ToString());
        }
    }
}
