using System.Net;
using KSail.Core.Readiness;

namespace KSail.Core.Tests.Readiness;

/// <summary>The transport policy's retries for one request of a component install or download.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Failures_on_the_way_are_tried_again_and_the_answer_of_the_attempt_that_got_through_is_returned()
    {
        var ct = TestContext.Current.CancellationToken;
        var attempts = 0;

        var answer = await Transport.RetryFor<int>(TimeProvider.System, TimeSpan.FromMinutes(1), e => Transport.IsTransient(e, ct), a => a == 503)
            .ExecuteAsync(
                _ =>
                {
                    attempts++;
                    return attempts == 1
                        ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset by peer", new IOException("reset"))
                        : new ValueTask<int>(attempts == 2 ? 503 : 200);
                },
                ct);

        Assert.Equal((200, 3), (answer, attempts));
    }

    [Fact]
    public async Task A_refusal_is_not_tried_again_and_nothing_is_tried_again_after_the_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        var attempts = 0;
        var notFound = await Assert.ThrowsAsync<HttpRequestException>(() => Transport.RetryFor<int>(TimeProvider.System, TimeSpan.FromMinutes(1), e => Transport.IsTransient(e, ct))
            .ExecuteAsync<int>(_ => { attempts++; throw new HttpRequestException("404 (Not Found)", null, HttpStatusCode.NotFound); }, ct).AsTask());
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(1, attempts);

        attempts = 0;
        await Assert.ThrowsAsync<HttpRequestException>(() => Transport.RetryFor<int>(TimeProvider.System, TimeSpan.Zero, e => Transport.IsTransient(e, ct))
            .ExecuteAsync<int>(_ => { attempts++; throw new HttpRequestException("Connection refused"); }, ct).AsTask());
        Assert.Equal(1, attempts);
        Assert.True(Transport.IsTransient(new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway), ct));
    }
}
