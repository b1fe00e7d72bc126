using KSail.Core.Configuration;

namespace KSail.Core.Tests.Configuration;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1_500)]
    [InlineData("0", 0)]
    public void Go_durations_parse(string text, int milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("5")]
    [InlineData("5 minutes")]
    [InlineData("-1m")]
    [InlineData("m5")]
    [InlineData("")]
    public void Other_text_is_not_a_duration(string text) => Assert.False(GoDuration.TryParse(text, out _));

    [Theory]
    [InlineData(300, "5m")]
    [InlineData(90, "1m30s")]
    [InlineData(3600, "1h")]
    public void Durations_print_as_Go_prints_them(int seconds, string expected) =>
        Assert.Equal(expected, GoDuration.Format(TimeSpan.FromSeconds(seconds)));
}
