namespace CoordinationService.Tests.Support;

internal static class Eventually
{
    /// <summary>Polls a condition that another part of the system makes true, failing with <paramref name="what"/> after the timeout.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(25);
        }
    }
}
