using KSail.Core.Processes;

namespace KSail.Core.Tests.Processes;

/// <summary>
/// The walk to the <c>dotnet test</c> run over each system's readings: a Windows process table as
/// CIM gives it (so a test app on Windows joins its <c>dotnet test</c> run rather than counting as
/// a run of its own), <c>ps</c> lines as macOS prints them, and <c>/proc</c> stat lines.
/// </summary>
public sealed class ProcessTableTests
{
    // A Windows 'dotnet test' run: dotnet.exe test → MSBuild node → testhost (a Testing Platform app), under a shell.
    private static readonly string WindowsRun = "[" + string.Join(',',
        WindowsProcessTable.Entry(4, 0, null),
        WindowsProcessTable.Entry(5120, 4, "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"),
        WindowsProcessTable.Entry(6200, 5120, "\"C:\\Program Files\\dotnet\\dotnet.exe\" test --solution All.slnx"),
        WindowsProcessTable.Entry(6300, 6200, "\"C:\\Program Files\\dotnet\\dotnet.exe\" \"C:\\Program Files\\dotnet\\sdk\\10.0.401\\MSBuild.dll\" -nodemode:1"),
        WindowsProcessTable.Entry(6400, 6300, "C:\\src\\app\\tests\\bin\\Debug\\net10.0\\App.Tests.exe --server --dotnet-test-pipe \\\\.\\pipe\\x"),
        WindowsProcessTable.Entry(7000, 5120, "C:\\src\\app\\tests\\bin\\Debug\\net10.0\\App.Tests.exe")) + "]";

    [Fact]
    public void On_Windows_a_test_app_under_dotnet_test_belongs_to_that_run()
    {
        var table = new WindowsProcessTable(() => WindowsProcessTable.Parse(WindowsRun));
        Assert.Equal(6200, ProcessTree.FindTestRunRoot(6400, table));
        Assert.Equal(6200, ProcessTree.FindTestRunRoot(6300, table));
    }

    [Fact]
    public void On_Windows_a_test_app_started_on_its_own_is_its_own_run()
    {
        var table = new WindowsProcessTable(() => WindowsProcessTable.Parse(WindowsRun));
        Assert.Equal(7000, ProcessTree.FindTestRunRoot(7000, table));

        // A process the table does not hold (gone, or no table could be read) is its own run too.
        Assert.Equal(9999, ProcessTree.FindTestRunRoot(9999, table));
        Assert.Equal(6400, ProcessTree.FindTestRunRoot(6400, new WindowsProcessTable(() => WindowsProcessTable.Parse(string.Empty))));
    }

    [Fact]
    public void A_single_process_table_is_an_object_not_an_array()
    {
        var table = WindowsProcessTable.Parse(WindowsProcessTable.Entry(12, 8, "dotnet test"));
        Assert.Equal((8, "dotnet test"), table[12]);
    }

    [Theory]
    [InlineData("\"C:\\Program Files\\dotnet\\dotnet.exe\" test", "C:\\Program Files\\dotnet\\dotnet.exe|test")]
    [InlineData("dotnet.exe  test   --filter \"Name=A B\"", "dotnet.exe|test|--filter|Name=A B")]
    [InlineData("app.exe a\\\\\\\"b \"c\\\\\" d", "app.exe|a\\\"b|c\\|d")]
    [InlineData("app.exe \"a \"\"quoted\"\" word\" C:\\dir\\", "app.exe|a \"quoted\" word|C:\\dir\\")]
    [InlineData("C:\\tools\\x.exe \"\"", "C:\\tools\\x.exe|")]
    public void Windows_command_lines_split_as_the_C_runtime_splits_them(string commandLine, string expected) =>
        Assert.Equal(expected.Split('|'), WindowsCommandLine.Split(commandLine));

    [Theory]
    [InlineData("C:\\Program Files\\dotnet\\dotnet.exe", true)]
    [InlineData("DOTNET.EXE", true)]
    [InlineData("C:\\src\\App.Tests.exe", false)]
    public void A_dotnet_test_command_named_with_a_Windows_path_is_recognised_on_any_system(string program, bool expected) =>
        Assert.Equal(expected, ProcessTree.IsDotnetTest([program, "test"]));

    [Fact]
    public void Ps_lines_give_the_parent_and_the_arguments()
    {
        var (parent, arguments) = PsProcessTable.Parse("  812 /usr/local/share/dotnet/dotnet test\n");
        Assert.Equal(812, parent);
        Assert.Equal(["/usr/local/share/dotnet/dotnet", "test"], arguments);
        var (none, nothing) = PsProcessTable.Parse(string.Empty);
        Assert.Null(none);
        Assert.Empty(nothing);
    }

    [Fact]
    public void Proc_stat_lines_with_spaces_and_parentheses_in_the_name_give_the_parent() =>
        Assert.Equal(4242, ProcFsProcessTable.ParentOf("4300 (dotnet (test) x) S 4242 4300 4242 0 -1"));
}
