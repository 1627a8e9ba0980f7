namespace CoordinationService.Client.Locks;

internal static class LockTimeouts
{
    public static TimeoutException Exception(string what, string path, TimeSpan? timeout) =>
        new($"The {what} {path} was not granted within {timeout?.TotalMilliseconds ?? 0:F0} ms.");
}
