using KSail.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await KSailCli.RunAsync(args, CliContext.FromProcess(), cancellation.Token).ConfigureAwait(false);
