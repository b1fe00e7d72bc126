using System.Diagnostics;
using KSail.Core.Processes;

namespace KSail.Core.Tests.Processes;

public sealed class ProcessTreeTests
{
    [Theory]
    [InlineData(true, "dotnet", "test")]
    [InlineData(true, "/usr/share/dotnet/dotnet", "test", "--solution", "All.slnx")]
    [InlineData(true, "dotnet", "--diagnostics", "test")]
    [InlineData(false, "dotnet", "build")]
    [InlineData(false, "dotnet", "exec", "test.dll")]
    [InlineData(false, "/usr/share/dotnet/sdk/10.0.401/MSBuild.dll", "test")]
    [InlineData(false, "dotnet")]
    public void A_dotnet_test_command_line_is_recognised(bool expected, params string[] arguments) =>
        Assert.Equal(expected, ProcessTree.IsDotnetTest(arguments));

    [Fact]
    public void A_process_outside_dotnet_test_is_its_own_run()
    {
        // This test host runs under 'dotnet test' on CI and under 'dotnet run' by hand: a child
        // started from here is under the same run, or its own.
        using var child = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            var root = ProcessTree.FindTestRunRoot(child.Id);
            var ownRoot = ProcessTree.FindTestRunRoot(Environment.ProcessId);
            Assert.Equal(ownRoot == Environment.ProcessId ? child.Id : ownRoot, root);
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public void Readings_of_one_process_are_the_same_process_and_a_gone_one_is_not_alive()
    {
        var first = ProcessIdentity.Of(Environment.ProcessId);
        var second = ProcessIdentity.Of(Environment.ProcessId);
        Assert.NotNull(first);
        Assert.True(first.Is(second));
        Assert.True(first.IsAlive());
        Assert.False(first.Is(first with { StartTime = first.StartTime.AddMinutes(-1) }));

        using var child = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        var gone = ProcessIdentity.Of(child.Id) ?? new ProcessIdentity(child.Id, DateTimeOffset.UnixEpoch);
        child.WaitForExit();
        Assert.False(gone.IsAlive());
    }
}
