namespace KSail.Core.Readiness;

/// <summary>A recent Warning event.</summary>
/// <param name="Subject">The object it is about, <c>Kind namespace/name</c>.</param>
/// <param name="Reason">The event's reason.</param>
/// <param name="Message">The event's message.</param>
/// <param name="Count">How often it was seen.</param>
/// <param name="LastSeen">When it was last seen.</param>
public sealed record WarningEvent(string Subject, string Reason, string Message, int Count, DateTimeOffset? LastSeen);
