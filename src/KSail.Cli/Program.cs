using System.Runtime.InteropServices;
using KSail.Cli;

// Ctrl+C (SIGINT) and SIGTERM cancel the command; it cleans up what it created and exits 130.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    cancellation.Cancel();
});

return await KSailCli.RunAsync(args, CliContext.FromProcess(), cancellation.Token).ConfigureAwait(false);
